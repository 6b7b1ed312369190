package io.aiox.policy.tool.net;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Applies the network rule: the host must be in the allowed domains; it is resolved once, and if any of its
 * addresses is internal ({@link AddressRules}) and not among the policy's allowed addresses, the host is refused,
 * since a client could connect to any of them. The caller connects to {@link VettedTarget#address()} only, so a
 * name that resolves differently a moment later (DNS rebinding) cannot steer the connection.
 */
public final class NetworkGuard {
  private final HostResolver resolver;

  public NetworkGuard(HostResolver resolver) {
    this.resolver = resolver;
  }

  /** The vetted target, or a failed future with {@link NetworkDenied}. */
  public Future<VettedTarget> vet(String rawHost, DomainList domains, List<AddressRange> allowedAddresses) {
    String host = DomainList.normalize(rawHost);
    if (host.isEmpty()) {
      return Future.failedFuture(new NetworkDenied("the request names no host"));
    }
    if (!domains.matches(host)) {
      return Future.failedFuture(new NetworkDenied(host + " is not in the agent's allowed domains " + domains));
    }
    Optional<InetAddress> literal = IpLiteral.parse(host);
    Future<List<InetAddress>> addresses = literal.isPresent() ? Future.succeededFuture(List.of(literal.get()))
        : resolver.resolve(host).recover(e -> Future.failedFuture(new NetworkDenied(host + " does not resolve")));
    return addresses.compose(list -> judge(host, list, allowedAddresses));
  }

  private static Future<VettedTarget> judge(String host, List<InetAddress> addresses, List<AddressRange> allowed) {
    if (addresses.isEmpty()) {
      return Future.failedFuture(new NetworkDenied(host + " does not resolve"));
    }
    for (InetAddress a : addresses) {
      Optional<String> kind = AddressRules.internal(a);
      if (kind.isPresent() && !explicitlyAllowed(a, allowed)) {
        return Future.failedFuture(new NetworkDenied(host + " resolves to " + a.getHostAddress() + ", a "
            + kind.get() + " address; internal addresses are refused unless the agent's policy lists them"));
      }
    }
    return Future.succeededFuture(new VettedTarget(host, AddressRules.unwrap(addresses.get(0))));
  }

  private static boolean explicitlyAllowed(InetAddress a, List<AddressRange> allowed) {
    InetAddress same = AddressRules.unwrap(a);
    return allowed.stream().anyMatch(r -> r.contains(a) || r.contains(same));
  }
}

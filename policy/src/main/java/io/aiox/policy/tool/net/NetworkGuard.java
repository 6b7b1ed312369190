package io.aiox.policy.tool.net;

import io.vertx.core.Future;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Applies the network rule: the host must be in the allowed domains; a host made of numbers is an address
 * ({@link IpLiteral}, read as the C library reads it) and is never resolved; a name is resolved once. If any of its
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
    Optional<InetAddress> literal = IpLiteral.parse(host);
    Optional<String> refused = literal.isPresent() ? refusedAddress(host, literal.get(), domains)
        : refusedName(host, domains);
    if (refused.isPresent()) {
      return Future.failedFuture(new NetworkDenied(refused.get()));
    }
    Future<List<InetAddress>> addresses = literal.isPresent() ? Future.succeededFuture(List.of(literal.get()))
        : resolver.resolve(host).recover(e -> Future.failedFuture(new NetworkDenied(host + " does not resolve")));
    return addresses.compose(list -> judge(host, literal.isPresent(), list, allowedAddresses));
  }

  /** An address is reached only when the allowed domains list it: {@code *} and wildcards cover names only. */
  private static Optional<String> refusedAddress(String host, InetAddress address, DomainList domains) {
    if (domains.matches(host)) {
      return Optional.empty();
    }
    return Optional.of(written(host, address) + " is an IP address not in the agent's allowed domains " + domains
        + ": '*' and wildcards admit names, not addresses; an address is reached only where the list names it");
  }

  /**
   * A host that is not a valid address must be a host name in the allowed domains. A numeric host that is not a
   * valid address ({@code 08.1}, {@code 256.1}) is refused rather than looked up, since the resolver could still
   * read it as some address.
   */
  private static Optional<String> refusedName(String host, DomainList domains) {
    if (host.isEmpty()) {
      return Optional.of("the request names no host");
    }
    if (IpLiteral.addressLike(host)) {
      return Optional.of(host + " is written as an IP address but is not a valid one (IPv4 takes 1 to 4 decimal,"
          + " 0-prefixed octal or 0x hex parts, as the C library reads them); it is refused, not looked up");
    }
    if (!DomainList.isName(host)) {
      return Optional.of(host + " is not a host name (letters, digits and hyphens; international names in their"
          + " xn-- form)");
    }
    return domains.matches(host) ? Optional.empty()
        : Optional.of(host + " is not in the agent's allowed domains " + domains);
  }

  private static Future<VettedTarget> judge(String host, boolean literal, List<InetAddress> addresses,
                                            List<AddressRange> allowed) {
    if (addresses.isEmpty()) {
      return Future.failedFuture(new NetworkDenied(host + " does not resolve"));
    }
    for (InetAddress a : addresses) {
      Optional<String> kind = AddressRules.internal(a);
      if (kind.isPresent() && !explicitlyAllowed(a, allowed)) {
        String what = literal ? written(host, a) + " is a " : host + " resolves to " + a.getHostAddress() + ", a ";
        return Future.failedFuture(new NetworkDenied(what + kind.get() + " address; internal addresses are refused"
            + " unless the agent's policy lists them"));
      }
    }
    return Future.succeededFuture(new VettedTarget(canonical(host), AddressRules.unwrap(addresses.get(0))));
  }

  /** The host as written, and the address it is when written another way ({@code 127.1 (127.0.0.1)}). */
  private static String written(String host, InetAddress address) {
    String canonical = address.getHostAddress();
    return canonical.equals(host) ? host : host + " (" + canonical + ")";
  }

  /** An IPv4 address in the canonical dotted form ({@code 127.1} goes out as 127.0.0.1), anything else as is. */
  private static String canonical(String host) {
    return IpLiteral.parse(host).filter(a -> a instanceof Inet4Address).map(InetAddress::getHostAddress).orElse(host);
  }

  private static boolean explicitlyAllowed(InetAddress a, List<AddressRange> allowed) {
    InetAddress same = AddressRules.unwrap(a);
    return allowed.stream().anyMatch(r -> r.contains(a) || r.contains(same));
  }
}

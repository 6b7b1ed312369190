package io.aiox.policy.tool.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;

/**
 * Turns a host name into every address it has; the network rule judges all of them. Only names reach it: a host
 * made of numbers is an address ({@link IpLiteral}) and is never looked up, since the system resolver would read
 * {@code 0177.0.0.1} as 127.0.0.1 where Java reads 177.0.0.1.
 */
@FunctionalInterface
public interface HostResolver {
  Future<List<InetAddress>> resolve(String host);

  /** The system's resolver (hosts file, then DNS), off the event loop. */
  static HostResolver system(Vertx vertx) {
    return host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
  }
}

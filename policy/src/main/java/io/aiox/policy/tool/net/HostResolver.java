package io.aiox.policy.tool.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;

/** Turns a host name into every address it has; the network rule judges all of them. */
@FunctionalInterface
public interface HostResolver {
  Future<List<InetAddress>> resolve(String host);

  /** The system's resolver (hosts file, then DNS), off the event loop. */
  static HostResolver system(Vertx vertx) {
    return host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
  }
}

package io.aiox.component.hub;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One XMPP server node the component connects to: the address and port of its XEP-0114 listener for the agents
 * domain. A hub behind an ejabberd cluster lists every node ({@code xmpp.servers}) and keeps one connection to each.
 */
public record ComponentServer(String host, int componentPort) {
  private static final Set<String> KEYS = Set.of("host", "componentPort");

  public ComponentServer {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("an XMPP server's host must be set");
    }
    if (componentPort < 1 || componentPort > 65535) {
      throw new IllegalArgumentException("an XMPP server's componentPort must be 1..65535, was " + componentPort);
    }
  }

  /** One entry of {@code xmpp.servers}; {@code path} names it in messages ({@code xmpp.servers[1]}). */
  static ComponentServer fromJson(String path, JsonObject json) {
    ConfigSection s = ConfigSection.of(path, json, KEYS);
    String host = s.string("host").orElseThrow(() -> s.bad("host", "must be set"));
    return new ComponentServer(host, s.integer("componentPort", XmppConfig.DEFAULT_COMPONENT_PORT, 1, 65535));
  }

  @Override
  public String toString() {
    return host + ":" + componentPort;
  }
}

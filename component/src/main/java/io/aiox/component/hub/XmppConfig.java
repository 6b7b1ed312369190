package io.aiox.component.hub;

import io.aiox.component.xmpp.chat.ProgressiveConfig;
import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the hub reaches its XMPP server: the users' domain, the agents domain and the XEP-0114 listener of each
 * server node ({@code host}/{@code componentPort} for one server, {@code servers} for the nodes of a cluster), the
 * server's HTTP admin API (used to create users' XMPP accounts), and how answers are shown as they are written.
 */
public record XmppConfig(String domain, String componentDomain, List<ComponentServer> servers,
                         String componentSecret, URI adminApi, ProgressiveConfig progressive) {
  public static final int DEFAULT_COMPONENT_PORT = 5347;
  private static final Set<String> KEYS = Set.of("domain", "componentDomain", "host", "componentPort", "servers",
      "componentSecret", "adminApi", "progressive");

  public XmppConfig {
    if (domain == null || domain.isBlank()) {
      throw new IllegalArgumentException("xmpp.domain must be set");
    }
    if (componentSecret == null || componentSecret.isBlank()) {
      throw new IllegalArgumentException("xmpp.componentSecret must be set");
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("xmpp.servers must list at least one server");
    }
    if (new HashSet<>(servers).size() != servers.size()) {
      throw new IllegalArgumentException("xmpp.servers lists a server twice: " + servers);
    }
    servers = List.copyOf(servers);
  }

  public static XmppConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("xmpp", json, KEYS);
    String domain = s.string("domain").orElseThrow(() -> s.bad("domain", "must be set"));
    return new XmppConfig(domain, s.string("componentDomain", "agents." + domain), servers(s, json),
        s.string("componentSecret", null), URI.create(s.string("adminApi", "http://127.0.0.1:5280/api")),
        ProgressiveConfig.fromJson(s.object("progressive")));
  }

  /** {@code servers}, or the one server of {@code host}/{@code componentPort}; never both. */
  private static List<ComponentServer> servers(ConfigSection s, JsonObject json) {
    if (!s.has("servers")) {
      return List.of(new ComponentServer(s.string("host", "127.0.0.1"),
          s.integer("componentPort", DEFAULT_COMPONENT_PORT, 1, 65535)));
    }
    if (s.has("host") || s.has("componentPort")) {
      throw s.bad("servers", "replaces xmpp.host and xmpp.componentPort; set one or the other");
    }
    if (!(json.getValue("servers") instanceof JsonArray list) || list.isEmpty()) {
      throw s.bad("servers", "must be a non-empty list of {\"host\", \"componentPort\"}, was "
          + json.getValue("servers"));
    }
    List<ComponentServer> servers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = s.name("servers") + "[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject entry)) {
        throw new IllegalArgumentException(path + " must be an object, was " + list.getValue(i));
      }
      servers.add(ComponentServer.fromJson(path, entry));
    }
    return servers;
  }
}

package io.aiox.component.hub;

import io.aiox.component.xmpp.chat.ProgressiveConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Set;

/**
 * How the hub reaches its XMPP server: the users' domain, the agents domain and its XEP-0114 listener, and the
 * server's HTTP admin API (used to create users' XMPP accounts), and how answers are shown as they are written.
 */
public record XmppConfig(String domain, String componentDomain, String host, int componentPort,
                         String componentSecret, URI adminApi, ProgressiveConfig progressive) {
  public static final int DEFAULT_COMPONENT_PORT = 5347;
  private static final Set<String> KEYS =
      Set.of("domain", "componentDomain", "host", "componentPort", "componentSecret", "adminApi", "progressive");

  public XmppConfig {
    if (domain == null || domain.isBlank()) {
      throw new IllegalArgumentException("xmpp.domain must be set");
    }
    if (componentSecret == null || componentSecret.isBlank()) {
      throw new IllegalArgumentException("xmpp.componentSecret must be set");
    }
    if (componentPort < 1 || componentPort > 65535) {
      throw new IllegalArgumentException("xmpp.componentPort must be 1..65535, was " + componentPort);
    }
  }

  public static XmppConfig fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key xmpp." + key);
      }
    }
    String domain = json.getString("domain");
    return new XmppConfig(domain, json.getString("componentDomain", "agents." + domain),
        json.getString("host", "127.0.0.1"), json.getInteger("componentPort", DEFAULT_COMPONENT_PORT),
        json.getString("componentSecret"), URI.create(json.getString("adminApi", "http://127.0.0.1:5280/api")),
        ProgressiveConfig.fromJson(section(json, "progressive")));
  }

  private static JsonObject section(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw new IllegalArgumentException("xmpp." + key + " must be an object");
    }
    return v == null ? new JsonObject() : (JsonObject) v;
  }
}

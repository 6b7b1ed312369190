package io.aiox.policy.access;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hub's {@code federation} section: {@code deny_domains}, servers whose users (and their subdomains) may not
 * reach any agent of this hub, not even an owner's linked JID there. Per-remote-domain quotas live in
 * {@code quota.remote_domain}; each agent's own remote-sender rules live in its governance ({@link AccessRule}).
 */
public record FederationConfig(List<String> denyDomains) {
  public static final FederationConfig DEFAULTS = new FederationConfig(List.of());
  private static final Set<String> KEYS = Set.of("deny_domains");

  public FederationConfig {
    List<String> normalized = new ArrayList<>(denyDomains.size());
    for (String domain : denyDomains) {
      normalized.add(domainName(domain, "federation.deny_domains"));
    }
    denyDomains = List.copyOf(normalized);
  }

  /** Reads the section; unknown keys and entries that are not domain names fail naming the key. */
  public static FederationConfig fromJson(JsonObject json) {
    return new FederationConfig(ConfigSection.of("federation", json, KEYS).strings("deny_domains"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("deny_domains", new JsonArray(denyDomains));
  }

  /** Whether the hub refuses senders of {@code domain}: a listed domain or a subdomain of one. */
  public boolean denies(String domain) {
    return DomainMatch.inOrUnder(domain, denyDomains);
  }

  static String domainName(String value, String key) {
    String d = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (d.isEmpty() || d.contains("@") || d.contains("/") || d.startsWith(".") || d.endsWith(".")
        || d.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(key + " lists domain names such as example.org; found '" + value + "'");
    }
    return d;
  }
}

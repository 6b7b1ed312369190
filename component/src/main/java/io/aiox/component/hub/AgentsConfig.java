package io.aiox.component.hub;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The {@code agents} section of the hub's configuration: what users may do with agents by themselves (the
 * service's ad-hoc commands, rfc section 8.1).
 *
 * @param maxPerUser {@code max_per_user}: live agents a user may hold when creating one by self-service; 0 turns
 *     self-service creation off. The operator's {@code ./aiox agent create} is not held to it.
 */
public record AgentsConfig(int maxPerUser) {
  public static final int DEFAULT_MAX_PER_USER = 10;
  public static final int MAX_MAX_PER_USER = 100_000;
  public static final AgentsConfig DEFAULTS = new AgentsConfig(DEFAULT_MAX_PER_USER);
  private static final Set<String> KEYS = Set.of("max_per_user");

  public AgentsConfig {
    if (maxPerUser < 0 || maxPerUser > MAX_MAX_PER_USER) {
      throw new IllegalArgumentException("agents.max_per_user must be 0.." + MAX_MAX_PER_USER + ", was " + maxPerUser);
    }
  }

  public static AgentsConfig fromJson(JsonObject json) {
    return new AgentsConfig(ConfigSection.of("agents", json, KEYS).integer("max_per_user", DEFAULT_MAX_PER_USER));
  }
}

package io.aiox.component.observability;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The {@code observability} section: whether the hub serves {@code /metrics} and {@code /health/*}, and where, and
 * its {@code tracing} subsection ({@link TracingConfig}). Port 0 takes any free port (tests); the listener binds to
 * loopback unless told otherwise, because metrics name the hub's models and load.
 */
public record ObservabilityConfig(boolean enabled, String bind, int port, TracingConfig tracing) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 9464;
  public static final ObservabilityConfig DEFAULTS = new ObservabilityConfig(true, DEFAULT_BIND, DEFAULT_PORT,
      TracingConfig.DEFAULTS);
  private static final Set<String> KEYS = Set.of("enabled", "bind", "port", "tracing");

  public ObservabilityConfig {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("observability.bind must be an address, was " + bind);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("observability.port must be 0..65535, was " + port);
    }
  }

  public static ObservabilityConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("observability", json, KEYS);
    return new ObservabilityConfig(s.bool("enabled", true), s.string("bind", DEFAULT_BIND),
        s.integer("port", DEFAULT_PORT), TracingConfig.fromJson(s.object("tracing")));
  }
}

package io.aiox.web.usage;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * {@code web.alerts}: an owner is told when a counter reaches {@code ratio} of a per-minute or per-day limit
 * (default 0.8), checked every {@code sweep_seconds} (default 15) for the agents that had a turn lately; {@code
 * enabled} false sends and records none.
 */
public record AlertConfig(boolean enabled, double ratio, Duration sweep) {
  public static final double DEFAULT_RATIO = 0.8;
  public static final Duration DEFAULT_SWEEP = Duration.ofSeconds(15);
  public static final AlertConfig DEFAULTS = new AlertConfig(true, DEFAULT_RATIO, DEFAULT_SWEEP);
  private static final Set<String> KEYS = Set.of("enabled", "ratio", "sweep_seconds");

  public AlertConfig {
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException("web.alerts.ratio must be more than 0 and at most 1, was " + ratio);
    }
    if (sweep.toSeconds() < 1 || sweep.toHours() > 1) {
      throw new IllegalArgumentException("web.alerts.sweep_seconds must be 1..3600, was " + sweep.toSeconds());
    }
  }

  public static AlertConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("web.alerts", json, KEYS);
    return new AlertConfig(s.bool("enabled", true), s.number("ratio", DEFAULT_RATIO),
        s.seconds("sweep_seconds", DEFAULT_SWEEP));
  }
}

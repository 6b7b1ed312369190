package io.aiox.component.xmpp.chat;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code xmpp.progressive} keys: whether answers are shown as they are written to clients that take XEP-0308
 * corrections, how long a turn runs before its first message ({@code firstAfterMs}: a turn that ends sooner is one
 * plain message, as for every other client), and the least time between two messages of one answer
 * ({@code correctEveryMs}, the final one included).
 */
public record ProgressiveConfig(boolean enabled, Duration firstAfter, Duration every) {
  public static final long DEFAULT_FIRST_AFTER_MS = 1_000;
  public static final long DEFAULT_CORRECT_EVERY_MS = 1_000;
  /** Below this, corrections would cost the server more than they show (each carries the whole text so far). */
  public static final long MIN_CORRECT_EVERY_MS = 200;
  public static final long MAX_MS = 60_000;
  public static final ProgressiveConfig DEFAULTS = new ProgressiveConfig(true,
      Duration.ofMillis(DEFAULT_FIRST_AFTER_MS), Duration.ofMillis(DEFAULT_CORRECT_EVERY_MS));
  private static final Set<String> KEYS = Set.of("enabled", "firstAfterMs", "correctEveryMs");

  public ProgressiveConfig {
    if (firstAfter.isNegative() || firstAfter.toMillis() > MAX_MS) {
      throw new IllegalArgumentException("xmpp.progressive.firstAfterMs must be 0.." + MAX_MS + ", was "
          + firstAfter.toMillis());
    }
    if (every.toMillis() < MIN_CORRECT_EVERY_MS || every.toMillis() > MAX_MS) {
      throw new IllegalArgumentException("xmpp.progressive.correctEveryMs must be " + MIN_CORRECT_EVERY_MS + ".."
          + MAX_MS + ", was " + every.toMillis());
    }
  }

  public static ProgressiveConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("xmpp.progressive", json, KEYS);
    return new ProgressiveConfig(s.bool("enabled", true),
        s.millis("firstAfterMs", Duration.ofMillis(DEFAULT_FIRST_AFTER_MS)),
        s.millis("correctEveryMs", Duration.ofMillis(DEFAULT_CORRECT_EVERY_MS)));
  }
}

package io.aiox.worker.memory;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * An agent's long-term memory settings, from its {@code memory_config}. Other keys there ({@code short_term_limit},
 * descriptive ones) are left to their owners; a known key with a bad value is refused naming the key.
 *
 * @param longTerm {@code long_term_enabled}: recall on every turn and remember exchanges (default false)
 * @param remember {@code remember}: what each completed exchange leaves behind, {@code off}, {@code summaries} or
 *     {@code full} (default full)
 * @param recallK {@code recall_k}: memories recalled per turn at most, 1..20 (default 5)
 * @param minScore {@code recall_min_score}: least cosine similarity worth recalling, -1..1 (default 0.3)
 * @param tokenBudget {@code recall_token_budget}: prompt tokens the recalled memories may take, 0..4096 (default 512)
 */
public record MemorySettings(boolean longTerm, Remember remember, int recallK, double minScore, int tokenBudget) {
  public static final int DEFAULT_RECALL_K = 5;
  public static final double DEFAULT_MIN_SCORE = 0.3;
  public static final int DEFAULT_TOKEN_BUDGET = 512;

  /** What an exchange leaves in long-term memory. */
  public enum Remember {
    OFF, SUMMARIES, FULL
  }

  public static MemorySettings of(JsonObject memoryConfig) {
    JsonObject c = memoryConfig == null ? new JsonObject() : memoryConfig;
    Object enabled = c.getValue("long_term_enabled", false);
    if (!(enabled instanceof Boolean on)) {
      throw new IllegalArgumentException("memory_config.long_term_enabled must be true or false, was " + enabled);
    }
    return new MemorySettings(on, remember(c.getValue("remember", "full")),
        integer(c, "recall_k", DEFAULT_RECALL_K, 1, 20), number(c, "recall_min_score", DEFAULT_MIN_SCORE, -1, 1),
        integer(c, "recall_token_budget", DEFAULT_TOKEN_BUDGET, 0, 4096));
  }

  private static Remember remember(Object value) {
    try {
      return Remember.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("memory_config.remember must be off, summaries or full, was " + value);
    }
  }

  private static int integer(JsonObject c, String key, int fallback, int min, int max) {
    Object v = c.getValue(key, fallback);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < min
        || n.intValue() > max) {
      throw new IllegalArgumentException("memory_config." + key + " must be a whole number " + min + ".." + max
          + ", was " + v);
    }
    return n.intValue();
  }

  private static double number(JsonObject c, String key, double fallback, double min, double max) {
    Object v = c.getValue(key, fallback);
    if (!(v instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
      throw new IllegalArgumentException("memory_config." + key + " must be a number " + min + ".." + max
          + ", was " + v);
    }
    return n.doubleValue();
  }

  /** Whether completed exchanges are stored. */
  public boolean remembersTurns() {
    return longTerm && remember != Remember.OFF;
  }
}

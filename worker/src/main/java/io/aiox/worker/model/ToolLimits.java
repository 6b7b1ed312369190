package io.aiox.worker.model;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The bounds of one turn's tool use ({@code inference.tools}): how many model rounds may ask for tools, how long the
 * whole turn may take once it uses tools (owner approvals included), how much of one tool's result goes back into
 * the prompt, and how many tokens (prompt and answer, every round) a turn may use before it must answer. A turn that reaches a bound ends with a text that names it.
 */
public record ToolLimits(int maxRounds, int maxSeconds, int maxResultChars, int maxTokens) {
  public static final ToolLimits DEFAULTS = new ToolLimits(4, 600, 8_000, 32_000);
  private static final Set<String> KEYS = Set.of("max_rounds", "max_seconds", "max_result_chars", "max_tokens");

  public ToolLimits {
    check("max_rounds", maxRounds, 1, 32);
    check("max_seconds", maxSeconds, 10, 3_600);
    check("max_result_chars", maxResultChars, 256, 200_000);
    check("max_tokens", maxTokens, 256, 10_000_000);
  }

  static ToolLimits fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key inference.tools." + key);
      }
    }
    return new ToolLimits(integer(json, "max_rounds", DEFAULTS.maxRounds),
        integer(json, "max_seconds", DEFAULTS.maxSeconds), integer(json, "max_result_chars", DEFAULTS.maxResultChars),
        integer(json, "max_tokens", DEFAULTS.maxTokens));
  }

  private static int integer(JsonObject json, String key, int fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Integer i)) {
      throw new IllegalArgumentException("inference.tools." + key + " must be a whole number, was " + v);
    }
    return i;
  }

  private static void check(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("inference.tools." + key + " must be between " + min + " and " + max
          + ", was " + value);
    }
  }
}

package io.aiox.worker.model;

import io.aiox.config.ConfigSection;
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
    ConfigSection s = ConfigSection.of("inference.tools", json, KEYS);
    return new ToolLimits(s.integer("max_rounds", DEFAULTS.maxRounds), s.integer("max_seconds", DEFAULTS.maxSeconds),
        s.integer("max_result_chars", DEFAULTS.maxResultChars), s.integer("max_tokens", DEFAULTS.maxTokens));
  }

  private static void check(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("inference.tools." + key + " must be between " + min + " and " + max
          + ", was " + value);
    }
  }
}

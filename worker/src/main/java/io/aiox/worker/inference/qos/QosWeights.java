package io.aiox.worker.inference.qos;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The weights of the waiting-turn score S = αR + βT + γP + δC, from the {@code inference.qos} configuration
 * section. The inputs are scaled to be comparable: R in 0..1, T 0 or 1, P = priority / 10 in 0..1, C a count of
 * turns; so the defaults make one step of priority (0.1 × 2.0) worth less than one running turn of the owner
 * (−0.5), and a full 0..10 priority range worth four.
 */
public record QosWeights(double reputation, double tools, double priority, double load) {
  public static final double DEFAULT_REPUTATION = 1.0;
  public static final double DEFAULT_TOOLS = 0.25;
  public static final double DEFAULT_PRIORITY = 2.0;
  public static final double DEFAULT_LOAD = -0.5;
  public static final QosWeights DEFAULTS =
      new QosWeights(DEFAULT_REPUTATION, DEFAULT_TOOLS, DEFAULT_PRIORITY, DEFAULT_LOAD);

  private static final Set<String> KEYS =
      Set.of("reputation_weight", "tools_weight", "priority_weight", "load_weight");

  public QosWeights {
    finite("reputation_weight", reputation);
    finite("tools_weight", tools);
    finite("priority_weight", priority);
    finite("load_weight", load);
  }

  /** Reads {@code inference.qos}; unknown keys and values that are not numbers are refused by name. */
  public static QosWeights fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key inference.qos." + key);
      }
    }
    return new QosWeights(number(json, "reputation_weight", DEFAULT_REPUTATION),
        number(json, "tools_weight", DEFAULT_TOOLS), number(json, "priority_weight", DEFAULT_PRIORITY),
        number(json, "load_weight", DEFAULT_LOAD));
  }

  /** S for a waiting turn whose owner has {@code ownerRunning} turns running now. */
  public double score(TurnTraits t, int ownerRunning) {
    return reputation * t.reputation() + tools * (t.tools() ? 1 : 0) + priority * t.priority() / 10.0
        + load * ownerRunning;
  }

  private static double number(JsonObject json, String key, double fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("inference.qos." + key + " must be a number, was " + v);
    }
    return n.doubleValue();
  }

  private static void finite(String key, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("inference.qos." + key + " must be a finite number, was " + v);
    }
  }
}

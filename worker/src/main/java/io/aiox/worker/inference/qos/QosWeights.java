package io.aiox.worker.inference.qos;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The weights of the waiting-turn score S = αR + βT + γP + δC + εF, from the {@code inference.qos} configuration
 * section. The inputs are scaled to be comparable: R in 0..1, T 0 or 1, P = priority / 10 in 0..1, C and F counts
 * of turns; so the defaults make one step of priority (0.1 × 2.0) worth less than one running turn of the owner
 * (−0.5), and a full 0..10 priority range worth four. F, the owner's lead (how many more turns it has started on
 * this model than the least served owner waiting), is what keeps a burst from one owner from starving the others
 * even on a one-slot model, where C is back to 0 at every pick: each extra turn costs the owner ε.
 */
public record QosWeights(double reputation, double tools, double priority, double load, double share) {
  public static final double DEFAULT_REPUTATION = 1.0;
  public static final double DEFAULT_TOOLS = 0.25;
  public static final double DEFAULT_PRIORITY = 2.0;
  public static final double DEFAULT_LOAD = -0.5;
  public static final double DEFAULT_SHARE = -0.5;
  public static final QosWeights DEFAULTS =
      new QosWeights(DEFAULT_REPUTATION, DEFAULT_TOOLS, DEFAULT_PRIORITY, DEFAULT_LOAD, DEFAULT_SHARE);

  private static final Set<String> KEYS =
      Set.of("reputation_weight", "tools_weight", "priority_weight", "load_weight", "share_weight");

  public QosWeights {
    finite("reputation_weight", reputation);
    finite("tools_weight", tools);
    finite("priority_weight", priority);
    finite("load_weight", load);
    finite("share_weight", share);
  }

  /** Reads {@code inference.qos}; unknown keys and values that are not numbers are refused by name. */
  public static QosWeights fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("inference.qos", json, KEYS);
    return new QosWeights(s.number("reputation_weight", DEFAULT_REPUTATION),
        s.number("tools_weight", DEFAULT_TOOLS), s.number("priority_weight", DEFAULT_PRIORITY),
        s.number("load_weight", DEFAULT_LOAD), s.number("share_weight", DEFAULT_SHARE));
  }

  /**
   * S for a waiting turn whose owner has {@code ownerRunning} turns running now and has started {@code ownerLead}
   * more turns on this model than the least served owner waiting.
   */
  public double score(TurnTraits t, int ownerRunning, long ownerLead) {
    return merit(t) + load * ownerRunning + share * ownerLead;
  }

  /**
   * The part of S that belongs to the turn itself, αR + βT + γP (not to its owner's load): it orders one owner's
   * waiting turns, and the mean over an owner's turns weighs that owner's fair share of the queue.
   */
  public double merit(TurnTraits t) {
    return reputation * t.reputation() + tools * (t.tools() ? 1 : 0) + priority * t.priority() / 10.0;
  }

  private static void finite(String key, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("inference.qos." + key + " must be a finite number, was " + v);
    }
  }
}

package io.aiox.worker.inference.qos;

import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What the queue knows of a turn to rank it: whose it is (for C, the owner's running turns, read when the turn is
 * picked), the agent's recent success rate R (0..1), whether the agent has tools enabled (T) and the priority P its
 * owner set in the agent's governance (0..10).
 */
public record TurnTraits(OwnerId owner, double reputation, boolean tools, int priority) {
  /** The governance key an owner sets the priority with. */
  public static final String PRIORITY_KEY = "priority";
  public static final int DEFAULT_PRIORITY = 5;
  public static final int MAX_PRIORITY = 10;

  public TurnTraits {
    Objects.requireNonNull(owner, "owner");
    if (!(reputation >= 0 && reputation <= 1)) {
      throw new IllegalArgumentException("reputation must be 0..1, was " + reputation);
    }
    if (priority < 0 || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException("priority must be 0.." + MAX_PRIORITY + ", was " + priority);
    }
  }

  /**
   * The agent's {@code governance.priority}: a whole number 0..10, {@value #DEFAULT_PRIORITY} when absent. Any
   * other value is refused naming the key (as a bad quota value is), not silently replaced.
   */
  public static int priorityOf(JsonObject governance) {
    Object v = governance.getValue(PRIORITY_KEY);
    if (v == null) {
      return DEFAULT_PRIORITY;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0
        && n.doubleValue() <= MAX_PRIORITY) {
      return n.intValue();
    }
    throw new IllegalArgumentException("the agent's governance.priority must be a whole number 0.." + MAX_PRIORITY
        + ", was " + v);
  }
}

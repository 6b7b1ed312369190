package io.aiox.worker.telemetry;

import java.util.Locale;

/** Why policy refused something, as the {@code violation_type} label of {@code aiox_policy_violations_total}. */
public enum Violation {
  /** Ownership, visibility or federation rules refused a stanza. */
  ACCESS_DENIED,
  /** A quota limit was spent. */
  QUOTA_EXCEEDED,
  /** The inference side refused the turn (for instance a consultation chain too deep). */
  TURN_REFUSED,
  /** A tool call was refused by its policy or the network guard. */
  TOOL_DENIED;

  /** The label value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

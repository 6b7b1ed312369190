package io.aiox.worker.telemetry;

import java.util.Locale;

/** How a chat turn ended, as the {@code outcome} label of {@code aiox_turns_total}. */
public enum TurnOutcome {
  /** The agent answered. */
  ANSWERED,
  /** A quota or the worker's policy refused the turn. */
  REFUSED,
  /** Too many turns were running or waiting. */
  BUSY,
  /** Governance or inference could not be reached, or no model could answer. */
  UNAVAILABLE,
  /** The answer did not come within the component's turn timeout. */
  TIMEOUT,
  /** Anything else that failed. */
  FAILED;

  /** The label value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

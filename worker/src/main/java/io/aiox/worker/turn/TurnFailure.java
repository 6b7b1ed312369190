package io.aiox.worker.turn;

/** Why a turn failed, as the failure code of the event-bus reply; the component maps each to a stanza error. */
public enum TurnFailure {
  /** The model or every fallback failed. */
  MODEL_UNAVAILABLE(1),
  /** The queue in front of inference is full. */
  BUSY(2),
  /** Governance refused the turn (quota, policy). */
  REFUSED(3),
  /** The request id already ran (on this or another hub): its answer was sent then; send nothing now. */
  DUPLICATE(4);

  private final int code;

  TurnFailure(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static TurnFailure of(int code) {
    for (TurnFailure f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    return MODEL_UNAVAILABLE;
  }
}

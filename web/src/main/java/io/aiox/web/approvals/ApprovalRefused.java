package io.aiox.web.approvals;

import java.util.Objects;

/** A decision that was not taken, with the hub's text. */
public final class ApprovalRefused extends RuntimeException {
  /** Why, with its HTTP status. */
  public enum Reason {
    /** No call of the caller's waits under that id: unknown, another owner's, or decided and gone (item-not-found). */
    NOT_FOUND(404),
    /** Another answer (or the expiry) took the decision a moment before this one. */
    ALREADY_DECIDED(409),
    /** The call expired before the decision: it does not run. */
    EXPIRED(410);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Reason reason;

  public ApprovalRefused(Reason reason, String text) {
    super(Objects.requireNonNull(text, "text"), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}

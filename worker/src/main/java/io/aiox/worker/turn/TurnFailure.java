package io.aiox.worker.turn;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Optional;

/**
 * Why a turn failed: the worker fails the request with {@link #fail}, which the bus carries as the failure code of
 * a {@link ReplyException} (with a text the user can read); the sender reads it back with {@link #of(Throwable)}
 * and maps each to a stanza error.
 */
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

  /** Fails the turn request {@code turn} for this reason, with {@code text} for the user. */
  public void fail(Message<?> turn, String text) {
    turn.fail(code, text);
  }

  /** This reason as the failure its sender receives (for a failure decided on the sender's side). */
  public ReplyException exception(String text) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, text);
  }

  /** The reason of a failed turn request; empty for a failure no worker gave (timeout, no worker, local error). */
  public static Optional<TurnFailure> of(Throwable failure) {
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return Optional.of(of(re.failureCode()));
    }
    return Optional.empty();
  }

  /** The reason with this code; an unknown code (a newer worker) reads as {@link #MODEL_UNAVAILABLE}. */
  public static TurnFailure of(int code) {
    for (TurnFailure f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    return MODEL_UNAVAILABLE;
  }
}

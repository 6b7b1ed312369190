package io.aiox.component.xmpp.chat;

import io.aiox.worker.telemetry.TurnOutcome;
import io.aiox.worker.turn.TurnFailure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Locale;
import java.util.Optional;

/** How a failed turn request is counted: the worker request's {@code status} and the turn's outcome. */
final class TurnFailures {
  private TurnFailures() {}

  /** {@code timeout}, {@code no_handlers}, a {@link TurnFailure} name, or {@code failed}. */
  static String status(Throwable e) {
    Optional<TurnFailure> reason = TurnFailure.of(e);
    if (reason.isPresent()) {
      return reason.get().name().toLowerCase(Locale.ROOT);
    }
    return e instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT ? "timeout"
        : e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS ? "no_handlers" : "failed";
  }

  /** The turn's outcome; empty for a duplicate, which another hub instance ran and counted. */
  static Optional<TurnOutcome> outcome(Throwable e) {
    Optional<TurnFailure> reason = TurnFailure.of(e);
    if (reason.isPresent()) {
      return Optional.ofNullable(switch (reason.get()) {
        case DUPLICATE -> null;
        case BUSY -> TurnOutcome.BUSY;
        case REFUSED -> TurnOutcome.REFUSED;
        case MODEL_UNAVAILABLE -> TurnOutcome.UNAVAILABLE;
      });
    }
    if (e instanceof ReplyException re) {
      return Optional.of(switch (re.failureType()) {
        case TIMEOUT -> TurnOutcome.TIMEOUT;
        case NO_HANDLERS -> TurnOutcome.UNAVAILABLE;
        default -> TurnOutcome.FAILED;
      });
    }
    return Optional.of(TurnOutcome.FAILED);
  }

  /** Whether the inference side refused the turn by policy. */
  static boolean refused(Throwable e) {
    return TurnFailure.of(e).orElse(null) == TurnFailure.REFUSED;
  }
}

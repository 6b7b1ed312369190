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
    if (!(e instanceof ReplyException re)) {
      return "failed";
    }
    return switch (re.failureType()) {
      case TIMEOUT -> "timeout";
      case NO_HANDLERS -> "no_handlers";
      case RECIPIENT_FAILURE -> TurnFailure.of(re.failureCode()).name().toLowerCase(Locale.ROOT);
      default -> "failed";
    };
  }

  /** The turn's outcome; empty for a duplicate, which another hub instance ran and counted. */
  static Optional<TurnOutcome> outcome(Throwable e) {
    return Optional.ofNullable(switch (status(e)) {
      case "duplicate" -> null;
      case "timeout" -> TurnOutcome.TIMEOUT;
      case "busy" -> TurnOutcome.BUSY;
      case "refused" -> TurnOutcome.REFUSED;
      case "no_handlers", "model_unavailable" -> TurnOutcome.UNAVAILABLE;
      default -> TurnOutcome.FAILED;
    });
  }

  /** Whether the inference side refused the turn by policy. */
  static boolean refused(Throwable e) {
    return status(e).equals("refused");
  }
}

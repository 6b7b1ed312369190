package io.aiox.worker.turn;

import java.util.Objects;

/**
 * A worker's failure of a turn sent over the clustered bus, carried as a reply rather than as a failed request so
 * that its component node acknowledges it like an answer, and the worker hands it to another node when that one
 * cannot send it ({@link TurnReturn#fail}); the component reads it back as the failure it stands for
 * ({@link TurnReturn#failure}). On one machine a failure stays a failed request ({@link TurnFailure#fail}).
 */
public record TurnFailed(TurnFailure failure, String text) implements TurnMessage {
  public TurnFailed {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(text, "text");
  }
}

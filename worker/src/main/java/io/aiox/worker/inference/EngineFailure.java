package io.aiox.worker.inference;

/**
 * Why an engine did not answer. Retriable failures (timeouts, overload, 5xx, model not loaded) let the next
 * provider of the agent's chain try; others (bad request, authentication) end the turn.
 */
public final class EngineFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds the verticle maps to an answer. */
  public enum Kind { BUSY, UNAVAILABLE, TIMEOUT, REJECTED }

  private final Kind kind;

  public EngineFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public EngineFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retriable() {
    return kind != Kind.REJECTED;
  }
}

package io.aiox.worker.inference.qos;

/** A turn was cancelled (stop, timeout, shutdown) while it waited: it left the queue without running. */
public final class TurnWithdrawn extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TurnWithdrawn(String reason) {
    super(reason, null, false, false);
  }
}

package io.aiox.worker.tool;

/** A tool call ran and did not succeed (timeout, connection refused, a TLS failure); the text is for the caller. */
public final class ToolFailed extends RuntimeException {
  public ToolFailed(String message) {
    super(message, null, false, false);
  }
}

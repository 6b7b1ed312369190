package io.aiox.worker.tool;

/** A tool call ran and did not succeed (timeout, connection refused, a TLS failure); the text is for the caller. */
public final class ToolFailed extends RuntimeException {
  public ToolFailed(String message) {
    super(message, null, false, false);
  }

  /** A failure's text and, when it adds something, its root cause's (a TLS failure's reason sits deep in the chain). */
  public static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = text(e);
    return root == e || text.contains(text(root)) ? text : text + ": " + text(root);
  }

  private static String text(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

package io.aiox.worker.document;

/** The bytes are not a document this hub reads, or not a readable one of its kind; the text says which and why. */
public final class DocumentUnreadable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DocumentUnreadable(String message) {
    super(message, null, false, false);
  }
}

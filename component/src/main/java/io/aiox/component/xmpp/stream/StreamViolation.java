package io.aiox.component.xmpp.stream;

/** The peer broke the stream's rules; {@code condition} is the RFC 6120 stream error condition to send. */
public final class StreamViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String condition;

  public StreamViolation(String condition, String text) {
    super(text);
    this.condition = condition;
  }

  public String condition() {
    return condition;
  }
}

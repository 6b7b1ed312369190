package io.aiox.component.xmpp.stream;

/** Bounds on what one inbound stanza may be; a violation ends the stream with {@code policy-violation}. */
public record StreamLimits(int maxStanzaBytes, int maxDepth) {
  public static final int DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 32;
  public static final StreamLimits DEFAULTS = new StreamLimits(DEFAULT_MAX_STANZA_BYTES, DEFAULT_MAX_DEPTH);

  public StreamLimits {
    if (maxStanzaBytes < 1024) {
      throw new IllegalArgumentException("xmpp.maxStanzaBytes must be at least 1024, was " + maxStanzaBytes);
    }
    if (maxDepth < 4) {
      throw new IllegalArgumentException("xmpp.maxDepth must be at least 4, was " + maxDepth);
    }
  }
}

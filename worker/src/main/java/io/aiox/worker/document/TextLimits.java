package io.aiox.worker.document;

import java.time.Duration;

/**
 * How much of a document is read: at most {@code maxCharacters} of text, {@code maxPages} pages (PDF pages,
 * slides, sheets), and for at most {@code time}. Whatever is reached first ends the read; what was read by then is
 * kept and the result says which limit cut it.
 */
public record TextLimits(int maxCharacters, int maxPages, Duration time) {
  /** No limit but memory's own (a whole document, however long it takes). */
  public static final TextLimits WHOLE = new TextLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofDays(1));

  public TextLimits {
    if (maxCharacters < 1 || maxPages < 1 || time.isNegative() || time.isZero()) {
      throw new IllegalArgumentException("text limits must be positive");
    }
  }
}

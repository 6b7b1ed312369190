package io.aiox.worker.document;

import java.util.Objects;
import java.util.Optional;

/**
 * What was read of a document.
 *
 * @param text the text in the shape asked for
 * @param format what the document was ({@code pdf}, {@code docx}, {@code html}, ...)
 * @param pages pages, slides or sheets read; 0 for formats without pages
 * @param cutBy the limit that ended the read early ({@code characters}, {@code pages}, {@code time}); empty when
 *     the whole document was read
 */
public record ExtractedText(String text, DocumentFormat format, int pages, Optional<String> cutBy) {
  public ExtractedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(cutBy, "cutBy");
  }

  public boolean truncated() {
    return cutBy.isPresent();
  }
}

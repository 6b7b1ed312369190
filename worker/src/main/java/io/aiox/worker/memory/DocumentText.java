package io.aiox.worker.memory;

import io.aiox.worker.document.DocumentReader;
import io.aiox.worker.document.DocumentUnreadable;
import io.aiox.worker.document.TextLimits;
import io.aiox.worker.document.TextShape;
import io.aiox.worker.memory.MemoryFailure.Kind;

/**
 * The text of a document an owner adds, read whole by {@link DocumentReader} (PDF, Office, OpenDocument text,
 * HTML, UTF-8 text); anything else is refused rather than guessed at. Blocking: run it off the event loop.
 */
public final class DocumentText {
  private DocumentText() {}

  /** The document's text; {@link MemoryFailure} INVALID names what is wrong with it. */
  public static String extract(String name, String mediaType, byte[] bytes) {
    try {
      return DocumentReader.read(name, mediaType, bytes, TextShape.TEXT, TextLimits.WHOLE).text();
    } catch (DocumentUnreadable e) {
      throw new MemoryFailure(Kind.INVALID, e.getMessage());
    }
  }
}

package io.aiox.worker.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a document's text: tells its format ({@link DocumentFormat#detect}) and hands it to that format's reader,
 * within the limits. Blocking and CPU-bound: run it off the event loop.
 */
public final class DocumentReader {
  private DocumentReader() {}

  /**
   * The text of {@code bytes}, a document called {@code name} that its server said was {@code mediaType} (empty
   * when unknown); {@link DocumentUnreadable} says why there is none.
   */
  public static ExtractedText read(String name, String mediaType, byte[] bytes, TextShape shape, TextLimits limits) {
    DocumentFormat format = DocumentFormat.detect(name, mediaType, bytes);
    TextOut out = new TextOut(shape, limits);
    switch (format) {
      case PDF -> PdfText.read(name, bytes, out);
      case DOCX -> WordText.read(name, bytes, out);
      case XLSX -> SheetText.read(name, bytes, out);
      case PPTX -> SlideText.read(name, bytes, out);
      case ODT -> OpenDocumentText.read(name, bytes, out);
      case HTML -> HtmlText.read(utf8(name, bytes), out);
      case TEXT -> out.paragraph(utf8(name, bytes));
    }
    return out.result(format);
  }

  private static String utf8(String name, byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      if (text.indexOf('\0') >= 0) {
        throw new DocumentUnreadable(name + " is binary; readable are " + DocumentFormat.READABLE);
      }
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new DocumentUnreadable(name + " is neither UTF-8 text nor another readable format ("
          + DocumentFormat.READABLE + ")");
    }
  }
}

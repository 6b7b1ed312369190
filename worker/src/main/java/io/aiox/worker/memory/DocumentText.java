package io.aiox.worker.memory;

import io.aiox.worker.memory.MemoryFailure.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a document an owner adds: PDF (Apache PDFBox), or text (plain, Markdown, CSV, JSON, XML; HTML with
 * its markup removed) in UTF-8. Anything else is refused rather than guessed at. Blocking: run it off the event loop.
 */
public final class DocumentText {
  private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private DocumentText() {}

  /** The document's text; {@link MemoryFailure} INVALID names what is wrong with it. */
  public static String extract(String name, String mediaType, byte[] bytes) {
    String type = mediaType == null ? "" : mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (isPdf(bytes) || type.equals("application/pdf")) {
      return pdf(name, bytes);
    }
    if (!type.isEmpty() && !textual(type)) {
      throw new MemoryFailure(Kind.INVALID, name + " is " + type + "; only text and PDF documents can be added");
    }
    String text = utf8(name, bytes);
    return type.equals("text/html") || type.equals("application/xhtml+xml") || looksLikeHtml(text) ? html(text) : text;
  }

  static boolean isPdf(byte[] bytes) {
    return bytes.length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F'
        && bytes[4] == '-';
  }

  private static boolean textual(String type) {
    return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
        || type.equals("application/xhtml+xml") || type.equals("application/markdown")
        || type.equals("application/octet-stream");
  }

  private static String pdf(String name, byte[] bytes) {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      return new PDFTextStripper().getText(doc);
    } catch (IOException e) {
      throw new MemoryFailure(Kind.INVALID, name + " is not a PDF that can be read: " + e.getMessage());
    }
  }

  private static String utf8(String name, byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      if (text.indexOf('\0') >= 0) {
        throw new MemoryFailure(Kind.INVALID, name + " is binary; only text and PDF documents can be added");
      }
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new MemoryFailure(Kind.INVALID, name + " is neither UTF-8 text nor PDF");
    }
  }

  private static boolean looksLikeHtml(String text) {
    String head = text.stripLeading().toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html");
  }

  private static String html(String text) {
    String plain = TAG.matcher(SCRIPT.matcher(text).replaceAll(" ")).replaceAll(" ");
    return plain.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&");
  }
}

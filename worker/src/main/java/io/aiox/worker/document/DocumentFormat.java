package io.aiox.worker.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The kinds of document this hub reads, told apart by their bytes first (a server's media type is often
 * {@code application/octet-stream} or wrong) and by the media type only for text, where bytes say little.
 */
public enum DocumentFormat {
  PDF, DOCX, XLSX, PPTX, ODT, HTML, TEXT;

  /** What readers name in refusals. */
  public static final String READABLE = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument text"
      + " (.odt), HTML and UTF-8 text";

  private static final int MAX_ZIP_ENTRIES_LOOKED_AT = 64;
  private static final Map<String, DocumentFormat> OFFICE_TYPES = Map.of(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XLSX,
      "application/vnd.openxmlformats-officedocument.presentationml.presentation", PPTX,
      "application/vnd.oasis.opendocument.text", ODT);

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The document's format; {@link DocumentUnreadable} when it is none this hub reads. */
  public static DocumentFormat detect(String name, String mediaType, byte[] bytes) {
    String type = mediaType == null ? "" : mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (startsWith(bytes, "%PDF-")) {
      return PDF;
    }
    if (startsWith(bytes, "PK\u0003\u0004")) {
      return zipped(name, bytes);
    }
    if (bytes.length >= 4 && (bytes[0] & 0xff) == 0xd0 && (bytes[1] & 0xff) == 0xcf && bytes[2] == 0x11
        && (bytes[3] & 0xff) == 0xe0) {
      throw new DocumentUnreadable(name + " is a legacy Office file (.doc, .xls, .ppt); save it as .docx, .xlsx or"
          + " .pptx");
    }
    if (type.equals("application/pdf") || OFFICE_TYPES.containsKey(type)) {
      throw new DocumentUnreadable(name + " claims to be " + type + " but its bytes are not");
    }
    if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
      return HTML;
    }
    if (!type.isEmpty() && !textual(type)) {
      throw new DocumentUnreadable(name + " is " + type + "; readable are " + READABLE);
    }
    return looksLikeHtml(bytes) ? HTML : TEXT;
  }

  private static boolean textual(String type) {
    return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
        || type.equals("application/markdown") || type.equals("application/octet-stream");
  }

  /** A ZIP archive is an Office Open XML or OpenDocument file by the entries it holds. */
  private static DocumentFormat zipped(String name, byte[] bytes) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      for (int i = 0; i < MAX_ZIP_ENTRIES_LOOKED_AT && (entry = zip.getNextEntry()) != null; i++) {
        switch (entry.getName()) {
          case "word/document.xml" -> {
            return DOCX;
          }
          case "xl/workbook.xml" -> {
            return XLSX;
          }
          case "ppt/presentation.xml" -> {
            return PPTX;
          }
          case "mimetype" -> {
            String type = new String(zip.readNBytes(100), StandardCharsets.US_ASCII).strip();
            if (OFFICE_TYPES.get(type) == ODT) {
              return ODT;
            }
            throw new DocumentUnreadable(name + " is an OpenDocument file of type " + type + "; readable are "
                + READABLE);
          }
          default -> { }
        }
      }
    } catch (IOException e) {
      throw new DocumentUnreadable(name + " is a damaged ZIP archive: " + e.getMessage());
    }
    throw new DocumentUnreadable(name + " is a ZIP archive but no Office document; readable are " + READABLE);
  }

  private static boolean looksLikeHtml(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).stripLeading()
        .replace("\uFEFF", "").toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html");
  }

  private static boolean startsWith(byte[] bytes, String magic) {
    if (bytes.length < magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if (bytes[i] != (byte) magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}

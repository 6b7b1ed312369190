package io.aiox.worker.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * An OpenDocument text (.odt): its {@code content.xml}, unpacked up to {@link OfficeZip#MAX_ENTRY_BYTES} and parsed
 * by jsoup's XML parser (which resolves no external entities), walked for headings ({@code text:h} with their
 * outline level), paragraphs, list items and table rows.
 */
final class OpenDocumentText {
  private OpenDocumentText() {}

  static void read(String name, byte[] bytes, TextOut out) {
    Document content = Jsoup.parse(contentXml(name, bytes), "", Parser.xmlParser());
    Element body = content.selectFirst("office|text");
    if (body == null) {
      throw new DocumentUnreadable(name + " is an OpenDocument file without a text body");
    }
    walk(body, out);
  }

  private static String contentXml(String name, byte[] bytes) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.getName().equals("content.xml")) {
          byte[] xml = zip.readNBytes((int) OfficeZip.MAX_ENTRY_BYTES + 1);
          if (xml.length > OfficeZip.MAX_ENTRY_BYTES) {
            throw new DocumentUnreadable(name + " unpacks to more than " + OfficeZip.MAX_ENTRY_BYTES + " bytes");
          }
          return new String(xml, StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new DocumentUnreadable(name + " is a damaged OpenDocument file: " + e.getMessage());
    }
    throw new DocumentUnreadable(name + " is an OpenDocument file without content.xml");
  }

  private static boolean walk(Element parent, TextOut out) {
    for (Element e : parent.children()) {
      boolean more = switch (e.tagName()) {
        case "text:h" -> out.heading(level(e), e.text());
        case "text:p" -> out.paragraph(e.text());
        case "text:list-item" -> out.item(e.text());
        case "table:table" -> table(e, out);
        default -> walk(e, out);
      };
      if (!more) {
        return false;
      }
    }
    return true;
  }

  private static int level(Element heading) {
    try {
      return Integer.parseInt(heading.attr("text:outline-level"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static boolean table(Element table, TextOut out) {
    for (Element row : table.select("table|table-row")) {
      if (!out.row(row.select("table|table-cell").stream().map(Element::text).toList())) {
        return false;
      }
    }
    out.endTable();
    return true;
  }
}

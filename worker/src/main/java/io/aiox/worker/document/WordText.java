package io.aiox.worker.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A Word document's body in order (Apache POI): paragraphs, headings by their style ({@code Title}, {@code Heading1}
 * ...), numbered or bulleted paragraphs as list items, and tables row by row.
 */
final class WordText {
  private static final Pattern HEADING = Pattern.compile("(?i)heading\\s*([1-9])");

  private WordText() {}

  static void read(String name, byte[] bytes, TextOut out) {
    OfficeZip.guard();
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      for (IBodyElement element : doc.getBodyElements()) {
        boolean more = switch (element) {
          case XWPFParagraph p -> paragraph(p, out);
          case XWPFTable t -> table(t, out);
          default -> true;
        };
        if (!more) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw OfficeZip.unreadable(name, "Word", e);
    }
  }

  private static boolean paragraph(XWPFParagraph p, TextOut out) {
    String style = p.getStyle() == null ? "" : p.getStyle();
    Matcher heading = HEADING.matcher(style);
    if (style.equalsIgnoreCase("Title")) {
      return out.heading(1, p.getText());
    }
    if (heading.matches()) {
      return out.heading(Integer.parseInt(heading.group(1)) + 1, p.getText());
    }
    return p.getNumID() != null ? out.item(p.getText()) : out.paragraph(p.getText());
  }

  private static boolean table(XWPFTable table, TextOut out) {
    for (XWPFTableRow row : table.getRows()) {
      if (!out.row(row.getTableCells().stream().map(c -> c.getText()).toList())) {
        return false;
      }
    }
    out.endTable();
    return true;
  }
}

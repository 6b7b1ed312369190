package io.aiox.worker.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * A PowerPoint presentation (Apache POI): each slide is a page, headed by its number and title, then the text of
 * its shapes (bulleted paragraphs as list items) and its tables.
 */
final class SlideText {
  private SlideText() {}

  static void read(String name, byte[] bytes, TextOut out) {
    OfficeZip.guard();
    try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(bytes))) {
      int number = 0;
      for (XSLFSlide slide : show.getSlides()) {
        number++;
        String title = slide.getTitle();
        if (!out.page() || !out.heading(2, "Slide " + number + (title == null ? "" : ": " + title))
            || !shapes(slide, out)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw OfficeZip.unreadable(name, "PowerPoint", e);
    }
  }

  private static boolean shapes(XSLFSlide slide, TextOut out) {
    for (XSLFShape shape : slide.getShapes()) {
      boolean more = switch (shape) {
        case XSLFTextShape text when !isTitle(text) -> paragraphs(text, out);
        case XSLFTable table -> table(table, out);
        default -> true;
      };
      if (!more) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTitle(XSLFTextShape text) {
    Placeholder p = text.getTextType();
    return p == Placeholder.TITLE || p == Placeholder.CENTERED_TITLE;
  }

  private static boolean paragraphs(XSLFTextShape text, TextOut out) {
    for (XSLFTextParagraph p : text.getTextParagraphs()) {
      if (!(p.isBullet() ? out.item(p.getText()) : out.paragraph(p.getText()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean table(XSLFTable table, TextOut out) {
    for (XSLFTableRow row : table.getRows()) {
      if (!out.row(row.getCells().stream().map(c -> c.getText()).toList())) {
        return false;
      }
    }
    out.endTable();
    return true;
  }
}

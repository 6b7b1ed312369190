package io.aiox.worker.document;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF's text, page by page (Apache PDFBox), so the page and time limits stop it between pages. A PDF carries no
 * structure a stripper can trust, so Markdown gets the same paragraphs as text.
 */
final class PdfText {
  private PdfText() {}

  static void read(String name, byte[] bytes, TextOut out) {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      for (int page = 1; page <= doc.getNumberOfPages() && out.page(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        if (!out.paragraph(stripper.getText(doc))) {
          return;
        }
      }
    } catch (IOException e) {
      throw new DocumentUnreadable(name + " is not a PDF that can be read: " + e.getMessage());
    }
  }
}

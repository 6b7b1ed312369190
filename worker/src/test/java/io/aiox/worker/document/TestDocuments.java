package io.aiox.worker.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Documents made in the test with the libraries that write them (PDFBox, POI), so the fixtures are real files. */
public final class TestDocuments {
  private TestDocuments() {}

  /** A PDF with one page per argument, each holding that line of text. */
  public static byte[] pdf(String... pages) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String line : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
          text.beginText();
          text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          text.newLineAtOffset(72, 700);
          text.showText(line);
          text.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** A Word document: a title, a heading, a paragraph, a bulleted item and a two-row table. */
  public static byte[] docx() throws IOException {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      paragraph(doc, "Title", "Warehouse handbook");
      paragraph(doc, "Heading1", "Opening hours");
      paragraph(doc, null, "The warehouse opens at seven.");
      XWPFParagraph item = doc.createParagraph();
      item.setNumID(java.math.BigInteger.ONE);
      item.createRun().setText("Forklifts charge overnight");
      XWPFTable table = doc.createTable(2, 2);
      table.getRow(0).getCell(0).setText("Day");
      table.getRow(0).getCell(1).setText("Delivery");
      table.getRow(1).getCell(0).setText("Tuesday");
      table.getRow(1).getCell(1).setText("Pallets");
      doc.write(out);
      return out.toByteArray();
    }
  }

  private static void paragraph(XWPFDocument doc, String style, String text) {
    XWPFParagraph p = doc.createParagraph();
    if (style != null) {
      p.setStyle(style);
    }
    p.createRun().setText(text);
  }

  /** A workbook with one sheet per name, each with a header row and one row of values. */
  public static byte[] xlsx(String... sheets) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String name : sheets) {
        XSSFSheet sheet = book.createSheet(name);
        XSSFRow head = sheet.createRow(0);
        head.createCell(0).setCellValue("Item");
        head.createCell(1).setCellValue("Count");
        XSSFRow row = sheet.createRow(1);
        row.createCell(0).setCellValue(name + " bolts");
        row.createCell(1).setCellValue(42);
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  /** A presentation with one slide per title, each with a body line. */
  public static byte[] pptx(String... titles) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var layout = show.getSlideMasters().get(0).getLayout(SlideLayout.TITLE_AND_CONTENT);
      for (String title : titles) {
        XSLFSlide slide = show.createSlide(layout);
        slide.getPlaceholder(0).setText(title);
        XSLFTextShape body = slide.getPlaceholder(1);
        body.clearText();
        body.addNewTextParagraph().addNewTextRun().setText("About " + title);
      }
      show.write(out);
      return out.toByteArray();
    }
  }

  /** An OpenDocument text, written as its specification lays it out: mimetype first, then content.xml. */
  public static byte[] odt(String heading, String paragraph) throws IOException {
    String content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
          <office:body><office:text>
            <text:h text:outline-level="2">%s</text:h>
            <text:p>%s</text:p>
            <text:list><text:list-item><text:p>first point</text:p></text:list-item></text:list>
          </office:text></office:body>
        </office:document-content>
        """.formatted(heading, paragraph);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("mimetype"));
      zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** An HTML page with a heading, a paragraph, a list, a table and a script that must not show. */
  public static String html() {
    return """
        <!DOCTYPE html><html><head><title>Dock</title><style>p{color:red}</style></head><body>
        <h1>Loading dock</h1><p>The dock code is <b>4417</b>.</p><script>alert('x')</script>
        <ul><li>Wear boots</li><li>Sign in</li></ul>
        <table><tr><th>Door</th><th>Use</th></tr><tr><td>A</td><td>Trucks</td></tr></table>
        </body></html>""";
  }
}

package io.aiox.worker.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
  private static final TextLimits ROOMY = new TextLimits(100_000, 100, Duration.ofSeconds(30));

  private static ExtractedText read(String type, byte[] bytes, TextShape shape) {
    return DocumentReader.read("doc", type, bytes, shape, ROOMY);
  }

  @Test
  void reads_a_word_document_with_headings_items_and_tables_as_markdown() throws IOException {
    ExtractedText doc = read("application/octet-stream", TestDocuments.docx(), TextShape.MARKDOWN);
    assertThat(doc.format()).isEqualTo(DocumentFormat.DOCX);
    assertThat(doc.text()).contains("# Warehouse handbook\n\n## Opening hours\n\nThe warehouse opens at seven.")
        .contains("- Forklifts charge overnight").contains("| Day | Delivery |\n| --- | --- |\n| Tuesday | Pallets |");
    assertThat(doc.truncated()).isFalse();
  }

  @Test
  void plain_text_keeps_the_words_without_markdown_marks() throws IOException {
    String text = read("", TestDocuments.docx(), TextShape.TEXT).text();
    assertThat(text).startsWith("Warehouse handbook\n\nOpening hours").contains("Day\tDelivery\nTuesday\tPallets")
        .doesNotContain("#").doesNotContain("|");
  }

  @Test
  void reads_each_sheet_of_a_workbook_as_a_page_with_a_table() throws IOException {
    ExtractedText book = read("", TestDocuments.xlsx("North", "South"), TextShape.MARKDOWN);
    assertThat(book.format()).isEqualTo(DocumentFormat.XLSX);
    assertThat(book.pages()).isEqualTo(2);
    assertThat(book.text()).contains("## North\n\n| Item | Count |\n| --- | --- |\n| North bolts | 42 |")
        .contains("## South");
  }

  @Test
  void reads_each_slide_of_a_presentation_with_its_title() throws IOException {
    ExtractedText show = read("", TestDocuments.pptx("Safety", "Shifts"), TextShape.MARKDOWN);
    assertThat(show.format()).isEqualTo(DocumentFormat.PPTX);
    assertThat(show.text()).contains("## Slide 1: Safety").contains("About Safety").contains("## Slide 2: Shifts");
  }

  @Test
  void reads_an_opendocument_text() throws IOException {
    ExtractedText odt = read("application/vnd.oasis.opendocument.text", TestDocuments.odt("Rules", "No smoking."),
        TextShape.MARKDOWN);
    assertThat(odt.format()).isEqualTo(DocumentFormat.ODT);
    assertThat(odt.text()).isEqualTo("## Rules\n\nNo smoking.\n\n- first point");
  }

  @Test
  void reads_html_without_scripts_or_styles() {
    byte[] page = TestDocuments.html().getBytes(StandardCharsets.UTF_8);
    ExtractedText md = read("text/html; charset=utf-8", page, TextShape.MARKDOWN);
    assertThat(md.text()).isEqualTo("# Loading dock\n\nThe dock code is 4417.\n\n- Wear boots\n\n- Sign in\n\n"
        + "| Door | Use |\n| --- | --- |\n| A | Trucks |");
    assertThat(read("", page, TextShape.TEXT).text()).doesNotContain("alert").doesNotContain("color")
        .startsWith("Loading dock");
  }

  @Test
  void stops_at_the_page_limit_and_says_so() throws IOException {
    ExtractedText pdf = DocumentReader.read("a.pdf", "application/pdf", TestDocuments.pdf("one", "two", "three"),
        TextShape.TEXT, new TextLimits(100_000, 2, Duration.ofSeconds(30)));
    assertThat(pdf.pages()).isEqualTo(2);
    assertThat(pdf.text()).contains("one").contains("two").doesNotContain("three");
    assertThat(pdf.cutBy()).contains("pages");
  }

  @Test
  void stops_at_the_character_limit_and_says_so() {
    ExtractedText text = DocumentReader.read("a.txt", "text/plain", "x".repeat(5_000).getBytes(
        StandardCharsets.UTF_8), TextShape.TEXT, new TextLimits(1_000, 10, Duration.ofSeconds(30)));
    assertThat(text.text()).hasSize(1_000);
    assertThat(text.cutBy()).contains("characters");
  }

  @Test
  void refuses_legacy_office_files_archives_and_images_by_name() throws IOException {
    byte[] ole = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1};
    assertThatThrownBy(() -> read("application/msword", ole, TextShape.TEXT))
        .isInstanceOf(DocumentUnreadable.class).hasMessageContaining("legacy Office");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("photo.jpg"));
      out.write(1);
    }
    assertThatThrownBy(() -> read("application/zip", zip.toByteArray(), TextShape.TEXT))
        .isInstanceOf(DocumentUnreadable.class).hasMessageContaining("no Office document");
    assertThatThrownBy(() -> read("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, TextShape.TEXT))
        .isInstanceOf(DocumentUnreadable.class).hasMessageContaining("image/png");
    assertThatThrownBy(() -> read("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "hello".getBytes(StandardCharsets.US_ASCII), TextShape.TEXT)).isInstanceOf(DocumentUnreadable.class)
        .hasMessageContaining("claims to be");
  }
}

package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class DocumentTextTest {
  @Test
  void reads_the_text_of_a_pdf_whatever_media_type_was_claimed() throws IOException {
    byte[] pdf = pdf("The warehouse opens at seven.", "Deliveries arrive on Tuesdays.");
    assertThat(DocumentText.extract("a.pdf", "application/pdf", pdf))
        .contains("The warehouse opens at seven.").contains("Deliveries arrive on Tuesdays.");
    assertThat(DocumentText.extract("a.pdf", "application/octet-stream", pdf)).contains("warehouse");
  }

  @Test
  void reads_utf8_text_and_strips_html_markup() {
    byte[] text = "Olá, mundo".getBytes(StandardCharsets.UTF_8);
    assertThat(DocumentText.extract("a.txt", "text/plain; charset=utf-8", text)).isEqualTo("Olá, mundo");
    assertThat(DocumentText.extract("a.html", "text/html", ("<html><head><style>p{}</style><script>x()</script>"
        + "</head><body><p>Tom &amp; Jerry</p></body></html>").getBytes(StandardCharsets.UTF_8)).strip())
        .isEqualTo("Tom & Jerry");
  }

  @Test
  void refuses_binary_and_other_formats() {
    assertThatThrownBy(() -> DocumentText.extract("a.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
        .isInstanceOf(MemoryFailure.class).hasMessageContaining("image/png; readable are PDF");
    assertThatThrownBy(() -> DocumentText.extract("a.bin", "", new byte[] {(byte) 0xff, (byte) 0xfe, 0}))
        .isInstanceOf(MemoryFailure.class).hasMessageContaining("neither UTF-8 text nor");
    assertThatThrownBy(() -> DocumentText.extract("a.pdf", "application/pdf", "%PDF-broken".getBytes(
        StandardCharsets.US_ASCII))).isInstanceOf(MemoryFailure.class).hasMessageContaining("not a PDF");
  }

  /** A small PDF with one line of text per argument. */
  static byte[] pdf(String... lines) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      PDPageContentStream text = new PDPageContentStream(doc, page);
      try {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.newLineAtOffset(72, 700);
        for (String line : lines) {
          text.showText(line);
          text.newLineAtOffset(0, -16);
        }
        text.endText();
      } finally {
        text.close();
      }
      doc.save(out);
      return out.toByteArray();
    }
  }
}

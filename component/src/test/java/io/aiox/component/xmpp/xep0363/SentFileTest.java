package io.aiox.component.xmpp.xep0363;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.worker.memory.TrustedUploads;
import io.aiox.worker.tool.document.DocumentParserConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** rfc section 6.3: which messages carry a file (XEP-0066 out-of-band data, or a bare link on the hub's service). */
class SentFileTest {
  private static final String SERVICE = "http://127.0.0.1:5280/upload/";
  private static final TrustedUploads UPLOADS = DocumentParserConfig.fromJson(new JsonObject()
      .put("upload_services", new JsonArray().add(SERVICE)))::uploadEndpoint;

  @Test
  void an_oob_url_is_a_file_named_by_its_decoded_last_segment() {
    Message m = message("look at this");
    m.addChildElement("x", SentFile.OOB).addElement("url").setText("https://files.example/a/b/Q3%20report.pdf");
    assertThat(SentFile.of(m, UPLOADS)).contains(new SentFile("https://files.example/a/b/Q3%20report.pdf",
        "Q3 report.pdf"));
  }

  @Test
  void a_body_that_is_exactly_one_link_on_the_upload_service_is_a_file() {
    assertThat(SentFile.of(message("  " + SERVICE + "x1/y2/notes.txt \n"), UPLOADS).map(SentFile::name))
        .contains("notes.txt");
  }

  @Test
  void other_links_and_sentences_with_links_are_chat_turns() {
    assertThat(SentFile.of(message("https://elsewhere.example/upload/notes.txt"), UPLOADS)).isEmpty();
    assertThat(SentFile.of(message("read " + SERVICE + "x/notes.txt"), UPLOADS)).isEmpty();
    assertThat(SentFile.of(message(SERVICE + "x/%2e%2e/admin"), UPLOADS)).isEmpty();
    assertThat(SentFile.of(message(SERVICE + "x/notes.txt"), TrustedUploads.NONE)).isEqualTo(Optional.empty());
  }

  private static Message message(String body) {
    Message m = new Message();
    m.setBody(body);
    return m;
  }
}

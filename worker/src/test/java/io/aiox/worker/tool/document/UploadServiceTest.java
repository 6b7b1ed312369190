package io.aiox.worker.tool.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadServiceTest {
  private final UploadService upload = UploadService.parse("https://upload.hub.example:5443/upload", List.of());

  private boolean covers(String url) {
    return upload.covers(URI.create(url));
  }

  @Test
  void covers_files_under_the_prefix_on_the_same_scheme_host_and_port() {
    assertThat(covers("https://upload.hub.example:5443/upload/3f1c/report.pdf")).isTrue();
    assertThat(covers("https://UPLOAD.hub.example.:5443/upload/3f1c/report.pdf")).isTrue();
    assertThat(covers("http://upload.hub.example:5443/upload/3f1c/report.pdf")).isFalse();
    assertThat(covers("https://upload.hub.example/upload/3f1c/report.pdf")).isFalse();
    assertThat(covers("https://upload.hub.example:5443/uploads/report.pdf")).isFalse();
    assertThat(covers("https://other.example:5443/upload/3f1c/report.pdf")).isFalse();
  }

  @Test
  void dot_segments_and_encoded_separators_never_escape_the_prefix() {
    assertThat(covers("https://upload.hub.example:5443/upload/../admin")).isFalse();
    assertThat(covers("https://upload.hub.example:5443/upload/%2e%2e/admin")).isFalse();
    assertThat(covers("https://upload.hub.example:5443/upload/a%2F..%2Fb")).isFalse();
    assertThat(covers("https://upload.hub.example:5443/upload/a/../b.pdf")).isTrue();
  }

  @Test
  void the_configuration_names_a_bad_prefix() {
    assertThatThrownBy(() -> DocumentParserConfig.fromJson(new JsonObject().put("upload_services",
        new JsonArray().add("ftp://upload.hub.example/")))).hasMessageStartingWith(
            "tools.document_parser.upload_services 'ftp://upload.hub.example/' must be an http or https URL");
    assertThatThrownBy(() -> DocumentParserConfig.fromJson(new JsonObject().put("max_pages", 0)))
        .hasMessage("tools.document_parser.max_pages must be a whole number 1..10000, was 0");
  }
}

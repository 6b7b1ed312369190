package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tools} section of the hub's file: read into the tools' settings, bad keys named at start-up. */
class HubConfigToolsTest {
  private static JsonObject hub(JsonObject tools) {
    return new JsonObject().put("xmpp", new JsonObject().put("domain", "hub.test").put("componentSecret", "s"))
        .put("inference", new JsonObject().put("serve_turns", false)).put("tools", tools);
  }

  @Test
  void reads_the_search_endpoint_and_the_trusted_upload_service() {
    HubConfig config = HubConfig.fromJson(hub(new JsonObject()
        .put("search_api", new JsonObject().put("url", "http://127.0.0.1:8888").put("max_results", 5))
        .put("document_parser", new JsonObject().put("upload_services",
            new JsonArray().add("https://upload.hub.test:5443/upload/")))));
    assertThat(config.tools().searchApi().url()).hasValueSatisfying(u -> assertThat(u).hasPort(8888));
    assertThat(config.tools().searchApi().maxResults()).isEqualTo(5);
    assertThat(config.tools().documentParser().uploadServices()).hasSize(1);
  }

  @Test
  void without_the_section_search_is_unconfigured() {
    HubConfig config = HubConfig.fromJson(hub(new JsonObject()));
    assertThat(config.tools().searchApi().url()).isEmpty();
  }

  @Test
  void an_unknown_tool_or_key_fails_naming_it() {
    assertThatThrownBy(() -> HubConfig.fromJson(hub(new JsonObject().put("search_api", new JsonObject()
        .put("endpoint", "x"))))).hasMessageStartingWith("unknown configuration key tools.search_api.endpoint");
    assertThatThrownBy(() -> HubConfig.fromJson(hub(new JsonObject().put("web_browser", new JsonObject()))))
        .hasMessageStartingWith("unknown configuration key tools.web_browser");
  }

  @Test
  void code_executor_settings_are_read_and_bad_values_named() {
    HubConfig config = HubConfig.fromJson(hub(new JsonObject().put("code_executor",
        new JsonObject().put("wall_seconds", 7))));
    assertThat(config.tools().codeExecutor().wallSeconds()).isEqualTo(7);
    assertThatThrownBy(() -> HubConfig.fromJson(hub(new JsonObject().put("code_executor",
        new JsonObject().put("memory_mb", 1))))).hasMessageContaining("tools.code_executor.memory_mb");
  }

  @Test
  void sandboxed_programs_are_kept_from_the_configuration_folder_and_the_master_key(@TempDir Path dir)
      throws Exception {
    Path key = Files.writeString(Files.createDirectories(dir.resolve("keys")).resolve("master.key"), "k");
    Path file = Files.writeString(dir.resolve("hub.json"), hub(new JsonObject()).put("security", new JsonObject()
        .put("master_key_file", key.toString())).encode());
    assertThat(HubConfig.load(file).tools().codeExecutor().hiddenPaths()).contains(dir.toAbsolutePath(), key);
  }

  @Test
  void reads_email_sender_and_database_query_and_leaves_unconfigured_tools_unconfigured() {
    assertThat(HubConfig.fromJson(hub(new JsonObject())).tools().emailSender().configured()).isFalse();
    HubConfig config = HubConfig.fromJson(hub(new JsonObject()
        .put("email_sender", new JsonObject().put("host", "smtp.example.com").put("from", "agents@example.com"))
        .put("database_query", new JsonObject().put("max_rows", 500))));
    assertThat(config.tools().emailSender().host()).isEqualTo("smtp.example.com");
    assertThat(config.tools().databaseQuery().maxRows()).isEqualTo(500);
    assertThatThrownBy(() -> HubConfig.fromJson(hub(new JsonObject().put("database_query",
        new JsonObject().put("rows", 5))))).hasMessageContaining("tools.database_query.rows");
  }
}

package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tools} section of the hub's configuration. */
class HubConfigToolsTest {
  private static JsonObject minimal() {
    return new JsonObject().put("xmpp", new JsonObject().put("domain", "hub.test").put("componentSecret", "s"));
  }

  @Test
  void code_executor_settings_are_read_and_unknown_tools_refused_by_name() {
    HubConfig config = HubConfig.fromJson(minimal().put("tools", new JsonObject().put("code_executor",
        new JsonObject().put("wall_seconds", 7))));
    assertThat(config.codeExecutor().wallSeconds()).isEqualTo(7);
    assertThatThrownBy(() -> HubConfig.fromJson(minimal().put("tools", new JsonObject().put("shell",
        new JsonObject())))).hasMessageContaining("unknown configuration key tools.shell");
    assertThatThrownBy(() -> HubConfig.fromJson(minimal().put("tools", new JsonObject().put("code_executor",
        new JsonObject().put("memory_mb", 1))))).hasMessageContaining("tools.code_executor.memory_mb");
  }

  @Test
  void sandboxed_programs_are_kept_from_the_configuration_folder_and_the_master_key(@TempDir Path dir)
      throws Exception {
    Path key = Files.writeString(Files.createDirectories(dir.resolve("keys")).resolve("master.key"), "k");
    Path file = Files.writeString(dir.resolve("hub.json"), minimal().put("security", new JsonObject()
        .put("master_key_file", key.toString())).encode());
    assertThat(HubConfig.load(file).codeExecutor().hiddenPaths()).contains(dir.toAbsolutePath(), key);
  }
}

package io.aiox.worker.tool.codeexecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeExecutorConfigTest {
  @Test
  void an_empty_section_gives_the_defaults() {
    CodeExecutorConfig c = CodeExecutorConfig.fromJson(new JsonObject());
    assertThat(c).isEqualTo(CodeExecutorConfig.DEFAULTS);
    assertThat(c.bwrap()).isEqualTo(Path.of("/usr/bin/bwrap"));
    assertThat(c.sandboxUid()).isEqualTo(65_534);
    assertThat(c.systemPaths()).doesNotContain(Path.of("/"), Path.of("/etc"), Path.of("/tmp"));
  }

  @Test
  void keys_are_read_and_unknown_keys_are_refused_by_name() {
    CodeExecutorConfig c = CodeExecutorConfig.fromJson(new JsonObject().put("cpu_seconds", 3).put("memory_mb", 128)
        .put("max_processes", 8).put("wall_seconds", 4).put("max_output_bytes", 100).put("tmp_mb", 2)
        .put("hidden_paths", new JsonArray().add("/srv/aiox")));
    assertThat(List.of(c.cpuSeconds(), c.memoryMb(), c.maxProcesses(), c.wallSeconds(), c.maxOutputBytes(),
        c.tmpMb())).containsExactly(3, 128, 8, 4, 100, 2);
    assertThat(c.hiddenPaths()).containsExactly(Path.of("/srv/aiox"));
    assertThatThrownBy(() -> CodeExecutorConfig.fromJson(new JsonObject().put("network", true)))
        .hasMessageContaining("unknown configuration key tools.code_executor.network");
  }

  @Test
  void bad_values_are_refused_naming_the_key() {
    assertThatThrownBy(() -> CodeExecutorConfig.fromJson(new JsonObject().put("wall_seconds", 0)))
        .hasMessageContaining("tools.code_executor.wall_seconds must be 1..600");
    assertThatThrownBy(() -> CodeExecutorConfig.fromJson(new JsonObject().put("memory_mb", "lots")))
        .hasMessageContaining("tools.code_executor.memory_mb must be a whole number");
    assertThatThrownBy(() -> CodeExecutorConfig.fromJson(new JsonObject().put("sandbox_uid", 0)))
        .hasMessageContaining("tools.code_executor.sandbox_uid");
    assertThatThrownBy(() -> CodeExecutorConfig.fromJson(new JsonObject().put("bwrap", "bwrap")))
        .hasMessageContaining("tools.code_executor.bwrap must be an absolute path");
  }

  @Test
  void the_whole_file_system_is_never_mounted_and_python_must_be_inside_what_is() {
    assertThatThrownBy(() -> CodeExecutorConfig.fromJson(new JsonObject().put("system_paths",
        new JsonArray().add("/"))))
        .hasMessageContaining("system_paths may not contain /");
    assertThatThrownBy(() -> CodeExecutorConfig.fromJson(new JsonObject().put("python", "/opt/py/bin/python3")))
        .hasMessageContaining("tools.code_executor.python must lie in one of system_paths");
  }
}

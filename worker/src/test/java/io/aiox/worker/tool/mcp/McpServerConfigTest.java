package io.aiox.worker.tool.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpServerConfigTest {
  private static McpConfig read(JsonObject servers) {
    return ToolsConfig.fromJson(new JsonObject().put("mcp", new JsonObject().put("servers", servers)), n -> null)
        .mcp();
  }

  private static JsonObject stdio() {
    return new JsonObject().put("transport", "stdio").put("command", new JsonArray().add("node").add("server.js"));
  }

  @Test
  void reads_a_stdio_and_an_http_server_with_approval_by_default() {
    McpConfig config = read(new JsonObject().put("files", stdio().put("env", new JsonObject().put("ROOT", "/srv")))
        .put("web", new JsonObject().put("transport", "http").put("url", "http://10.0.0.5:3001/mcp")
            .put("requires_approval", false).put("timeout_seconds", 5)));
    McpServerConfig files = config.server("files").orElseThrow();
    assertThat(files.command()).containsExactly("node", "server.js");
    assertThat(files.env()).isEqualTo(Map.of("ROOT", "/srv"));
    assertThat(files.defaults().requiresApproval()).isTrue();
    assertThat(files.defaults().timeout()).isEqualTo(Duration.ofSeconds(30));
    McpServerConfig web = config.server("web").orElseThrow();
    assertThat(web.defaults().requiresApproval()).isFalse();
    assertThat(web.defaults().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.retry()).isEqualTo(Duration.ofSeconds(30));
    assertThat(List.copyOf(config.servers().keySet())).containsExactly("files", "web");
  }

  @Test
  void no_section_means_no_server() {
    assertThat(ToolsConfig.fromJson(new JsonObject(), n -> null).mcp().servers()).isEmpty();
  }

  @Test
  void unknown_keys_are_named_in_full() {
    assertThatThrownBy(() -> read(new JsonObject().put("files", stdio().put("cmd", "x"))))
        .hasMessageStartingWith("unknown configuration key tools.mcp.servers.files.cmd");
    assertThatThrownBy(() -> ToolsConfig.fromJson(new JsonObject().put("mcp", new JsonObject().put("server",
        new JsonObject())), n -> null)).hasMessageStartingWith("unknown configuration key tools.mcp.server");
  }

  @Test
  void each_transport_needs_its_own_keys_and_refuses_the_others() {
    assertThatThrownBy(() -> read(new JsonObject().put("files", new JsonObject().put("transport", "stdio"))))
        .hasMessageStartingWith("tools.mcp.servers.files.command is required for a stdio server");
    assertThatThrownBy(() -> read(new JsonObject().put("web", new JsonObject().put("transport", "http"))))
        .hasMessageStartingWith("tools.mcp.servers.web.url is required for an http server");
    assertThatThrownBy(() -> read(new JsonObject().put("web", new JsonObject().put("transport", "http")
        .put("url", "http://127.0.0.1/mcp").put("command", new JsonArray().add("sh")))))
        .hasMessage("tools.mcp.servers.web.command does not apply to this transport");
    assertThatThrownBy(() -> read(new JsonObject().put("files", stdio().put("url", "http://127.0.0.1/mcp"))))
        .hasMessage("tools.mcp.servers.files.url does not apply to this transport");
    assertThatThrownBy(() -> read(new JsonObject().put("x", new JsonObject().put("transport", "sse"))))
        .hasMessage("tools.mcp.servers.x.transport must be stdio or http, was sse");
  }

  @Test
  void bad_values_are_named() {
    assertThatThrownBy(() -> read(new JsonObject().put("web", new JsonObject().put("transport", "http")
        .put("url", "ftp://example.test/mcp")))).hasMessageStartingWith("tools.mcp.servers.web.url must be an http");
    assertThatThrownBy(() -> read(new JsonObject().put("files", stdio().put("requires_approval", "no"))))
        .hasMessage("tools.mcp.servers.files.requires_approval must be true or false, was \"no\"");
    assertThatThrownBy(() -> read(new JsonObject().put("files", stdio().put("timeout_seconds", 0))))
        .hasMessageStartingWith("tools.mcp.servers.files.timeout_seconds must be a whole number 1..120");
    assertThatThrownBy(() -> read(new JsonObject().put("files", stdio().put("env", new JsonObject().put("N", 1)))))
        .hasMessageStartingWith("tools.mcp.servers.files.env must map names to strings");
  }

  @Test
  void server_names_are_lower_case_letters_and_digits() {
    assertThatThrownBy(() -> read(new JsonObject().put("my_files", stdio())))
        .hasMessageStartingWith("tools.mcp.servers.my_files is not a valid server name");
    assertThatThrownBy(() -> read(new JsonObject().put("Files", stdio())))
        .hasMessageStartingWith("tools.mcp.servers.Files is not a valid server name");
  }
}

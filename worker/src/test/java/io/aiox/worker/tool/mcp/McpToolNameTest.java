package io.aiox.worker.tool.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class McpToolNameTest {
  @Test
  void names_are_mcp_server_tool_with_characters_providers_refuse_replaced() {
    assertThat(McpToolName.of("everything", "echo")).contains("mcp_everything_echo");
    assertThat(McpToolName.of("everything", "get-sum")).contains("mcp_everything_get-sum");
    assertThat(McpToolName.of("fs", "files.read/all")).contains("mcp_fs_files_read_all");
    assertThat(McpToolName.of("fs", "x".repeat(57))).hasValueSatisfying(n -> assertThat(n).hasSize(64));
  }

  @Test
  void a_name_longer_than_64_characters_is_left_out() {
    assertThat(McpToolName.of("fs", "x".repeat(58))).isEmpty();
    assertThat(McpToolName.of("fs", "")).isEmpty();
  }

  @Test
  void the_server_is_what_stands_between_mcp_and_the_next_underscore() {
    assertThat(McpToolName.server("mcp_everything_get_sum")).contains("everything");
    assertThat(McpToolName.server("mcp_everything_")).isEmpty();
    assertThat(McpToolName.server("mcp__echo")).isEmpty();
    assertThat(McpToolName.server("http_request")).isEmpty();
    assertThat(McpToolName.server("mcp_Every_echo")).isEmpty();
  }
}

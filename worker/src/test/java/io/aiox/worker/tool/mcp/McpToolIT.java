package io.aiox.worker.tool.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.net.HostResolver;
import io.aiox.schema.agent.Agent;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.mcp.EverythingMcpServer;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolTestBed;
import io.aiox.worker.tool.ToolOutcome;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.aiox.worker.tool.ToolRegistry;
import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MCP tools through {@link ToolCalls#invoke} (rfc/aiox-agents.md section 9.11) against the reference MCP server from
 * npm: over stdio (the hub runs it), over Streamable HTTP (on loopback), and a server that is not running. The
 * server's schema checks the arguments, its read-only hints meet the agent's read-only policy, approval is the
 * default, results are cut to the policy's size, every step is audited.
 */
@ExtendWith(RealServers.class)
class McpToolIT {
  private static final JsonObject NO_APPROVAL = new JsonObject().put("requires_approval", false);
  private static ToolTestBed harness;
  private static EverythingMcpServer http;
  private static McpServers servers;
  private static ToolCalls calls;

  @BeforeAll
  static void start(TestServers testServers) throws Exception {
    harness = new ToolTestBed(testServers, "mia-mcp");
    Path dir = Files.createTempDirectory("aiox-mcp-it");
    http = EverythingMcpServer.startHttp(dir.resolve("http"));
    JsonObject mcp = new JsonObject().put("retry_seconds", 60).put("servers", new JsonObject()
        .put("everything", new JsonObject().put("transport", "stdio")
            .put("command", new JsonArray(EverythingMcpServer.stdioCommand())))
        .put("web", new JsonObject().put("transport", "http").put("url", http.url()))
        .put("gone", new JsonObject().put("transport", "http").put("url", "http://127.0.0.1:" + Ports.free()
            + "/mcp").put("connect_timeout_seconds", 5)));
    McpConfig config = ToolsConfig.fromJson(new JsonObject().put("mcp", mcp), n -> null).mcp();
    servers = new McpServers(config, HostResolver.system(harness.vertx));
    harness.vertx.deployVerticle(servers).await();
    calls = new ToolCalls(harness.vertx, harness.db.database, harness.redis,
        ToolRegistry.builtin(harness.vertx, HostResolver.system(harness.vertx), ToolsConfig.DEFAULTS).with(servers));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close(); // undeploys the servers' verticle: the stdio server's process ends with it
    }
    if (http != null) {
      http.close();
    }
  }

  private static ToolOutcome call(Agent agent, String tool, JsonObject args) {
    return calls.invoke(harness.owner.id(), agent.id(), tool, args, "trying the MCP server").await();
  }

  @Test
  void lists_each_servers_tools_as_mcp_server_tool_with_the_servers_schema() {
    assertThat(servers.down()).containsOnlyKeys("gone");
    ToolDefinition echo = servers.tool("mcp_everything_echo").orElseThrow().definition();
    assertThat(echo.description()).isEqualTo("Echoes back the input string");
    assertThat(echo.inputSchema().getJsonObject("properties").getJsonObject("message").getString("type"))
        .isEqualTo("string");
    assertThat(echo.inputSchema().getJsonArray("required")).containsExactly("message");
    assertThat(echo.defaults().requiresApproval()).as("approval unless the operator says otherwise").isTrue();
    assertThat(servers.tools()).extracting(t -> t.definition().name())
        .contains("mcp_everything_echo", "mcp_everything_get-sum", "mcp_web_echo")
        .allMatch(n -> n.matches("[a-zA-Z0-9_-]{1,64}"));
  }

  @Test
  void echo_over_stdio_returns_the_servers_text_and_is_audited() {
    Agent agent = harness.agentWith("mcp_everything_echo", NO_APPROVAL);
    ToolOutcome out = call(agent, "mcp_everything_echo", new JsonObject().put("message", "hello from aiox"));
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getString("text")).isEqualTo("Echo: hello from aiox");
    assertThat(harness.audit(agent, "tool.allowed")).singleElement()
        .satisfies(d -> assertThat(d.getString("tool")).isEqualTo("mcp_everything_echo"));
    assertThat(harness.audit(agent, "tool.executed")).singleElement().satisfies(d -> {
      assertThat(d.getString("status")).isEqualTo("ok");
      assertThat(d.getJsonObject("result")).isEqualTo(new JsonObject().put("characters", 21).put("truncated", false));
    });
  }

  @Test
  void get_sum_over_stdio_adds_the_numbers() {
    Agent agent = harness.agentWith("mcp_everything_get-sum", NO_APPROVAL);
    ToolOutcome out = call(agent, "mcp_everything_get-sum", new JsonObject().put("a", 2).put("b", 40));
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getString("text")).isEqualTo("The sum of 2 and 40 is 42.");
  }

  @Test
  void echo_over_streamable_http_returns_the_servers_text() {
    Agent agent = harness.agentWith("mcp_web_echo", NO_APPROVAL);
    ToolOutcome out = call(agent, "mcp_web_echo", new JsonObject().put("message", "over http"));
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getString("text")).isEqualTo("Echo: over http");
  }

  @Test
  void a_server_that_is_not_running_is_refused_with_the_reason() {
    Agent agent = harness.agentWith("mcp_gone_echo", NO_APPROVAL);
    ToolOutcome out = call(agent, "mcp_gone_echo", new JsonObject().put("message", "anyone?"));
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).isEqualTo("mcp_gone_echo: the MCP server gone is not connected (connection refused);"
        + " the hub tries again every 60 s");
    assertThat(harness.audit(agent, "tool.denied")).singleElement()
        .satisfies(d -> assertThat(d.getString("reason")).isEqualTo(out.reason()));
  }

  @Test
  void arguments_outside_the_servers_schema_never_reach_it() {
    Agent agent = harness.agentWith("mcp_everything_echo", NO_APPROVAL);
    ToolOutcome out = call(agent, "mcp_everything_echo", new JsonObject().put("text", "wrong name"));
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).startsWith("invalid arguments for mcp_everything_echo: arguments.message is required");
    assertThat(harness.audit(agent, "tool.executed")).isEmpty();
  }

  @Test
  void a_read_only_agent_runs_only_the_tools_the_server_marks_read_only() {
    JsonObject readOnly = NO_APPROVAL.copy().put("read_only", true);
    Agent reader = harness.agentWith("mcp_everything_echo", readOnly);
    assertThat(call(reader, "mcp_everything_echo", new JsonObject().put("message", "fine")).status())
        .isEqualTo(Status.EXECUTED);
    Agent toggler = harness.agentWith("mcp_everything_toggle-subscriber-updates", readOnly);
    ToolOutcome out = call(toggler, "mcp_everything_toggle-subscriber-updates", new JsonObject());
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).isEqualTo("mcp_everything_toggle-subscriber-updates is read-only for this agent; this"
        + " call would change something");
  }

  @Test
  void approval_is_asked_by_default() {
    Agent agent = harness.agentWith("mcp_everything_echo", new JsonObject());
    ToolOutcome out = call(agent, "mcp_everything_echo", new JsonObject().put("message", "may I?"));
    assertThat(harness.audit(agent, "tool.allowed")).singleElement()
        .satisfies(d -> assertThat(d.getString("approval")).isEqualTo("required"));
    assertThat(out.status()).as("nobody is there to ask in this test").isEqualTo(Status.DENIED);
    assertThat(out.reason()).startsWith("the owner could not be asked to approve");
    assertThat(harness.audit(agent, "tool.executed")).isEmpty();
  }

  @Test
  void the_result_is_cut_to_the_policys_max_response_bytes() {
    Agent agent = harness.agentWith("mcp_everything_echo", NO_APPROVAL.copy().put("max_response_bytes", 16));
    ToolOutcome out = call(agent, "mcp_everything_echo", new JsonObject().put("message", "a fairly long message"));
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result()).isEqualTo(new JsonObject().put("text", "Echo: a fairly l").put("truncated", true));
  }

  @Test
  void a_tool_the_server_does_not_have_does_not_exist() {
    Agent agent = harness.agentWith("mcp_everything_rm", NO_APPROVAL);
    ToolOutcome out = call(agent, "mcp_everything_rm", new JsonObject());
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).isEqualTo("there is no tool named mcp_everything_rm");
    assertThat(List.of(out.reason())).doesNotContain("not connected");
  }
}

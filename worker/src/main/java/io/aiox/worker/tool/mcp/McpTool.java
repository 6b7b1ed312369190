package io.aiox.worker.tool.mcp;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.mcp.client.McpToolMetadataKeys;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.schema.id.OwnerId;
import io.aiox.policy.tool.ToolWorker;
import io.aiox.worker.tool.Tool;
import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * One tool of an MCP server, as agents see it: named {@code mcp_<server>_<tool>} ({@link McpToolName}), described
 * and shaped by what the server's {@code tools/list} said, with the server's default policy. A call writes unless
 * the server marks the tool {@code readOnlyHint}, so an agent whose policy is read-only runs only those. The result
 * is the call's text, cut to the policy's {@code max_response_bytes}.
 */
final class McpTool implements Tool {
  private static final int MAX_DESCRIPTION = 1_024;

  private final McpConnection connection;
  private final String remoteName;
  private final boolean readOnly;
  private final ToolDefinition definition;

  private McpTool(McpConnection connection, String name, String remoteName, String description, JsonObject schema,
                  boolean readOnly) {
    this.connection = connection;
    this.remoteName = remoteName;
    this.readOnly = readOnly;
    this.definition = new ToolDefinition(name, description, schema, ToolWorker.IN_PROCESS,
        connection.config().defaults());
  }

  /** The tool the server listed; empty when its name cannot be an agent's tool name. */
  static Optional<McpTool> listed(McpConnection connection, ToolSpecification spec) {
    String server = connection.config().name();
    return McpToolName.of(server, spec.name()).map(name -> new McpTool(connection, name, spec.name(),
        description(server, spec), schema(spec), Boolean.TRUE.equals(spec.metadata().get(
            McpToolMetadataKeys.READ_ONLY_HINT))));
  }

  /** A tool of a server that has not told its tools yet: it exists as a name only, and says why it cannot run. */
  static McpTool unknown(McpConnection connection, String name) {
    return new McpTool(connection, name, name.substring(McpToolName.PREFIX.length()
        + connection.config().name().length() + 1), "A tool of the MCP server " + connection.config().name()
        + ", which is not connected.", new JsonObject().put("type", "object"), false);
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public Optional<String> unavailable() {
    return connection.down().map(reason -> definition.name() + ": the MCP server " + connection.config().name()
        + " is not connected (" + reason + "); the hub tries again every " + connection.retry().toSeconds() + " s");
  }

  @Override
  public boolean writes(JsonObject arguments) {
    return !readOnly;
  }

  @Override
  public Future<JsonObject> execute(OwnerId owner, JsonObject arguments, ToolPolicy policy) {
    Optional<String> down = unavailable();
    if (down.isPresent()) {
      return Future.failedFuture(new ToolFailed(down.get()));
    }
    return connection.call(remoteName, arguments, policy.timeout()).map(text -> {
      String kept = McpText.bounded(text, policy.maxResponseBytes());
      JsonObject result = new JsonObject().put("text", kept);
      return kept.length() < text.length() ? result.put("truncated", true) : result;
    });
  }

  /** The audit keeps the size of the answer, not the answer (it may be anything the server holds). */
  @Override
  public JsonObject auditSummary(JsonObject result) {
    return new JsonObject().put("characters", result.getString("text", "").length())
        .put("truncated", result.getBoolean("truncated", false));
  }

  private static String description(String server, ToolSpecification spec) {
    String text = spec.description() == null || spec.description().isBlank()
        ? "The tool " + spec.name() + " of the MCP server " + server + "." : spec.description().strip();
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) : text;
  }

  /** The server's input schema as JSON Schema again (LangChain4j's client hands it over in its own model). */
  private static JsonObject schema(ToolSpecification spec) {
    return spec.parameters() == null ? new JsonObject().put("type", "object")
        : new JsonObject(Json.encode(JsonSchemaElementUtils.toMap(spec.parameters())));
  }
}

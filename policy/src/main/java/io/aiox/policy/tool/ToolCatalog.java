package io.aiox.policy.tool;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools a hub knows, each with its default policy (the design's tool table): {@code document_parser}
 * read-only, with room for larger documents and slower reads than {@code http_request}; {@code search_api}
 * rate-limited (its endpoint is the operator's, so no allowed domains apply to it); {@code code_executor} approval and a
 * sandbox; {@code email_sender} approval and a full audit; {@code database_query} read-only and held to allowed
 * tables; {@code http_request} held to allowed domains with a timeout. Knowing a tool is not running it: the
 * worker's registry says which ones this build can execute.
 */
public final class ToolCatalog {
  public static final String DOCUMENT_PARSER = "document_parser";
  public static final String SEARCH_API = "search_api";
  public static final String CODE_EXECUTOR = "code_executor";
  public static final String EMAIL_SENDER = "email_sender";
  public static final String DATABASE_QUERY = "database_query";
  public static final String HTTP_REQUEST = "http_request";

  private static final Map<String, ToolDefinition> TOOLS = new LinkedHashMap<>();

  static {
    // "document" is the document's URL (a web page or a file the owner sent with HTTP File Upload); "format" is the
    // shape of the text that comes back. A model reads text, so HTML or PDF output would only cost it context.
    add(DOCUMENT_PARSER, "Extracts the text of a document the owner gave the agent (PDF, Word, Excel, PowerPoint,"
            + " OpenDocument text, HTML or plain text) from its URL, as plain text or Markdown.",
        object(List.of("document"), "document", string(2_048), "format", choice("text", "markdown")),
        ToolWorker.IN_PROCESS, policy("read_only", true).put("max_response_bytes", 8 << 20)
            .put("timeout_seconds", 30));
    add(SEARCH_API, "Searches the web through the search service the owner configured.",
        object(List.of("query"), "query", string(500), "max_results", integer(1, 20)),
        ToolWorker.IN_PROCESS, policy("rate_limit_per_minute", 30));
    add(CODE_EXECUTOR, "Runs a short program in an isolated sandbox and returns its output.",
        object(List.of("language", "code"), "language", choice("python"), "code", string(65_536)),
        ToolWorker.SANDBOX, policy("requires_approval", true).put("sandbox_required", true));
    // "to" is a list: one mail may go to several people (the operator caps how many, at most 50).
    add(EMAIL_SENDER, "Sends a plain-text e-mail on the owner's behalf to one or more addresses.",
        object(List.of("to", "subject", "body"), "to", array(string(254), 50), "subject", string(998),
            "body", string(65_536)),
        ToolWorker.IN_PROCESS, policy("requires_approval", true).put("audit", true));
    add(DATABASE_QUERY, "Reads rows from a table the owner allowed.",
        object(List.of("table", "query"), "table", string(63), "query", string(4_096)),
        ToolWorker.IN_PROCESS, policy("read_only", true).put("allowed_tables", new JsonArray()));
    add(HTTP_REQUEST, "Fetches a URL with GET or sends data with POST; only hosts the owner allowed.",
        object(List.of("url"), "url", string(2_048), "method", choice("GET", "POST"),
            "headers", new JsonObject().put("type", "object").put("maxProperties", 20)
                .put("additionalProperties", string(1_024)),
            "body", string(65_536)),
        ToolWorker.IN_PROCESS, policy("allowed_domains", new JsonArray())
            .put("timeout_seconds", ToolPolicy.DEFAULT_TIMEOUT_SECONDS));
  }

  private ToolCatalog() {}

  public static Optional<ToolDefinition> find(String name) {
    return Optional.ofNullable(TOOLS.get(name));
  }

  public static List<ToolDefinition> all() {
    return List.copyOf(TOOLS.values());
  }

  private static void add(String name, String description, JsonObject schema, ToolWorker worker, JsonObject policy) {
    TOOLS.put(name, new ToolDefinition(name, description, schema, worker, ToolPolicy.BASE.withOverrides(policy)));
  }

  private static JsonObject policy(String key, Object value) {
    return new JsonObject().put(key, value);
  }

  /** An object schema: the required names, then pairs of property name and schema. */
  private static JsonObject object(List<String> required, Object... props) {
    JsonObject properties = new JsonObject();
    for (int i = 0; i < props.length; i += 2) {
      properties.put((String) props[i], props[i + 1]);
    }
    return new JsonObject().put("type", "object").put("properties", properties)
        .put("required", new JsonArray(required)).put("additionalProperties", false);
  }

  private static JsonObject string(int maxLength) {
    return new JsonObject().put("type", "string").put("maxLength", maxLength);
  }

  private static JsonObject array(JsonObject items, int maxItems) {
    return new JsonObject().put("type", "array").put("items", items).put("maxItems", maxItems);
  }

  private static JsonObject integer(int min, int max) {
    return new JsonObject().put("type", "integer").put("minimum", min).put("maximum", max);
  }

  private static JsonObject choice(String... values) {
    return new JsonObject().put("type", "string").put("enum", new JsonArray(List.of((Object[]) values)));
  }
}

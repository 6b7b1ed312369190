package io.aiox.worker.tool;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.worker.tool.document.DocumentParserConfig;
import io.aiox.worker.tool.search.SearchApiConfig;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The operator's settings for the built tools (the {@code tools} section of the hub's configuration), one
 * sub-section per tool by its catalog name. A tool without its section runs with its defaults, or, where it needs
 * the operator (a search endpoint), refuses its calls saying what is missing.
 */
public record ToolsConfig(DocumentParserConfig documentParser, SearchApiConfig searchApi) {
  public static final ToolsConfig DEFAULTS = new ToolsConfig(DocumentParserConfig.DEFAULTS,
      SearchApiConfig.UNCONFIGURED);
  private static final Set<String> TOOLS = Set.of(ToolCatalog.DOCUMENT_PARSER, ToolCatalog.SEARCH_API);

  /** Reads the section; {@code env} looks up environment variables that settings name (API keys). */
  public static ToolsConfig fromJson(JsonObject json, UnaryOperator<String> env) {
    for (String key : json.fieldNames()) {
      if (!TOOLS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key tools." + key + " (configurable tools: "
            + TOOLS.stream().sorted().toList() + ")");
      }
    }
    return new ToolsConfig(DocumentParserConfig.fromJson(section(json, ToolCatalog.DOCUMENT_PARSER)),
        SearchApiConfig.fromJson(section(json, ToolCatalog.SEARCH_API), env));
  }

  private static JsonObject section(JsonObject json, String tool) {
    Object v = json.getValue(tool);
    if (v != null && !(v instanceof JsonObject)) {
      throw new IllegalArgumentException("tools." + tool + " must be an object");
    }
    return v == null ? new JsonObject() : (JsonObject) v;
  }
}

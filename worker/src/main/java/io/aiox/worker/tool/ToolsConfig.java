package io.aiox.worker.tool;

import io.aiox.config.ConfigSection;
import io.aiox.policy.tool.ToolCatalog;
import io.aiox.worker.tool.codeexecutor.CodeExecutorConfig;
import io.aiox.worker.tool.database.DatabaseQueryConfig;
import io.aiox.worker.tool.document.DocumentParserConfig;
import io.aiox.worker.tool.email.EmailSenderConfig;
import io.aiox.worker.tool.mcp.McpConfig;
import io.aiox.worker.tool.search.SearchApiConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The operator's settings for the built tools (the {@code tools} section of the hub's configuration), one
 * sub-section per tool by its catalog name. A tool without its section runs with its defaults, or, where it needs
 * the operator (a search endpoint, an SMTP server), refuses its calls saying what is missing. {@code tools.mcp}
 * lists the MCP servers whose tools the hub offers ({@link McpConfig}).
 */
public record ToolsConfig(DocumentParserConfig documentParser, SearchApiConfig searchApi,
                          CodeExecutorConfig codeExecutor, EmailSenderConfig emailSender,
                          DatabaseQueryConfig databaseQuery, McpConfig mcp) {
  public static final String MCP = "mcp";
  public static final ToolsConfig DEFAULTS = new ToolsConfig(DocumentParserConfig.DEFAULTS,
      SearchApiConfig.UNCONFIGURED, CodeExecutorConfig.DEFAULTS, EmailSenderConfig.NOT_CONFIGURED,
      DatabaseQueryConfig.DEFAULTS, McpConfig.NONE);
  /** No operator settings: every tool on its defaults, those that need the operator unconfigured. */
  public static final ToolsConfig NONE = DEFAULTS;
  private static final Set<String> TOOLS = Set.of(ToolCatalog.DOCUMENT_PARSER, ToolCatalog.SEARCH_API,
      ToolCatalog.CODE_EXECUTOR, ToolCatalog.EMAIL_SENDER, ToolCatalog.DATABASE_QUERY, MCP);

  /** The settings of the tools that need no mail, database or MCP server (tests of one tool). */
  public ToolsConfig(DocumentParserConfig documentParser, SearchApiConfig searchApi, CodeExecutorConfig codeExecutor) {
    this(documentParser, searchApi, codeExecutor, EmailSenderConfig.NOT_CONFIGURED, DatabaseQueryConfig.DEFAULTS,
        McpConfig.NONE);
  }

  /** Reads the section, with API keys from the process environment. */
  public static ToolsConfig fromJson(JsonObject json) {
    return fromJson(json, System::getenv);
  }

  /** Reads the section; {@code env} looks up environment variables that settings name (API keys). */
  public static ToolsConfig fromJson(JsonObject json, UnaryOperator<String> env) {
    ConfigSection s = ConfigSection.of("tools", json, TOOLS);
    return new ToolsConfig(DocumentParserConfig.fromJson(s.object(ToolCatalog.DOCUMENT_PARSER)),
        SearchApiConfig.fromJson(s.object(ToolCatalog.SEARCH_API), env),
        CodeExecutorConfig.fromJson(s.object(ToolCatalog.CODE_EXECUTOR)),
        EmailSenderConfig.fromJson(s.object(ToolCatalog.EMAIL_SENDER)),
        DatabaseQueryConfig.fromJson(s.object(ToolCatalog.DATABASE_QUERY)),
        McpConfig.fromJson(s.object(MCP)));
  }

  /** The same settings, with sandboxed programs kept from these paths too (the hub's own files). */
  public ToolsConfig hiding(List<Path> paths) {
    return new ToolsConfig(documentParser, searchApi, codeExecutor.hiding(paths), emailSender, databaseQuery, mcp);
  }
}

package io.aiox.worker.tool;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.net.HostResolver;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.worker.memory.DocumentFetcher;
import io.aiox.worker.tool.document.DocumentParserTool;
import io.aiox.worker.tool.codeexecutor.CodeExecutorTool;
import io.aiox.worker.tool.search.SearchApiTool;
import io.aiox.policy.crypto.Vault;
import io.aiox.worker.tool.database.DatabaseQueryTool;
import io.aiox.worker.tool.email.EmailSenderTool;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools this build can run, keyed by the catalog's names; the catalog knows more tools than are built. Beyond
 * the catalog, {@link DynamicTools} (an MCP server's tools) add tools whose definitions they supply; a catalog name
 * always means the catalog's tool. Network tools and the policy gate share one {@link NetworkGuard}, so the gate's
 * check and the connection's agree.
 */
public final class ToolRegistry {
  private final NetworkGuard guard;
  private final Map<String, Tool> tools = new LinkedHashMap<>();
  private final DynamicTools dynamic;

  public ToolRegistry(NetworkGuard guard, List<Tool> tools) {
    this(guard, tools, DynamicTools.NONE);
  }

  private ToolRegistry(NetworkGuard guard, List<Tool> tools, DynamicTools dynamic) {
    this.guard = guard;
    this.dynamic = dynamic;
    for (Tool t : tools) {
      String name = t.definition().name();
      if (ToolCatalog.find(name).isEmpty()) {
        throw new IllegalArgumentException("tool " + name + " is not in the catalog");
      }
      this.tools.put(name, t);
    }
  }

  /** The built-in tools with the operator's defaults, resolving host names with the system's resolver. */
  public static ToolRegistry builtin(Vertx vertx) {
    return builtin(vertx, HostResolver.system(vertx), ToolsConfig.DEFAULTS);
  }

  public static ToolRegistry builtin(Vertx vertx, HostResolver resolver) {
    return builtin(vertx, resolver, ToolsConfig.DEFAULTS);
  }

  public static ToolRegistry builtin(Vertx vertx, HostResolver resolver, ToolsConfig config) {
    return builtin(vertx, resolver, config, Optional.empty());
  }

  /**
   * The built-in tools with the operator's settings ({@code tools} section of the hub's configuration) and the vault
   * that opens owners' secrets (empty when the hub has no master key).
   */
  public static ToolRegistry builtin(Vertx vertx, HostResolver resolver, ToolsConfig config, Optional<Vault> vault) {
    NetworkGuard guard = new NetworkGuard(resolver);
    DocumentFetcher fetcher = new DocumentFetcher(vertx, guard);
    return new ToolRegistry(guard, List.of(new HttpRequestTool(vertx, guard),
        new DocumentParserTool(vertx, fetcher, config.documentParser()),
        new SearchApiTool(fetcher, config.searchApi()), new CodeExecutorTool(vertx, config.codeExecutor()),
        new EmailSenderTool(vertx, config.emailSender(), System.getenv()),
        new DatabaseQueryTool(vertx, guard, vault, config.databaseQuery())));
  }

  /** The same tools and those of {@code dynamic} (the hub's MCP servers). */
  public ToolRegistry with(DynamicTools dynamic) {
    return new ToolRegistry(guard, List.copyOf(tools.values()), dynamic);
  }

  public Optional<Tool> tool(String name) {
    Tool builtin = tools.get(name);
    return builtin != null || ToolCatalog.find(name).isPresent() ? Optional.ofNullable(builtin) : dynamic.tool(name);
  }

  /** What the tool of this name is: the catalog's definition, or the one its dynamic source gives. */
  public Optional<ToolDefinition> definition(String name) {
    return ToolCatalog.find(name).or(() -> dynamic.tool(name).map(Tool::definition));
  }

  /** Whether the name is one the hub knows for sure (the catalog's, or a dynamic tool that can run now). */
  public boolean known(String name) {
    return ToolCatalog.find(name).isPresent() || dynamic.tools().stream().anyMatch(t -> t.definition().name()
        .equals(name));
  }

  /** Definitions of the tools that can run here, for a model's tool list. */
  public List<ToolDefinition> available() {
    return java.util.stream.Stream.concat(tools.values().stream(), dynamic.tools().stream()).map(Tool::definition)
        .toList();
  }

  public NetworkGuard guard() {
    return guard;
  }
}

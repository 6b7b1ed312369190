package io.aiox.worker.tool.search;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.schema.id.OwnerId;
import io.aiox.policy.tool.net.NetworkDenied;
import io.aiox.worker.memory.DocumentFetcher;
import io.aiox.worker.memory.MemoryFailure;
import io.aiox.worker.tool.Tool;
import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code search_api}: one web search through the operator's search endpoint. The endpoint is fetched by
 * {@link DocumentFetcher} under the operator's rule for it (its own host; in-house addresses; link-local and other
 * internal addresses only where the operator lists them), with the configured timeout and byte cap. The agent's
 * policy still decides whether the call runs at all and how often (its rate limit, approval); its allowed domains do
 * not apply, since the agent names no host.
 */
public final class SearchApiTool implements Tool {
  private final DocumentFetcher fetcher;
  private final SearchApiConfig config;
  private final ToolDefinition definition = ToolCatalog.find(ToolCatalog.SEARCH_API).orElseThrow();

  public SearchApiTool(DocumentFetcher fetcher, SearchApiConfig config) {
    this.fetcher = fetcher;
    this.config = config;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public Optional<String> unavailable() {
    return config.url().isPresent() ? Optional.empty() : Optional.of("search_api: the operator has not configured"
        + " a search endpoint (tools.search_api.url)");
  }

  @Override
  public Optional<String> problem(JsonObject args) {
    return args.getString("query").isBlank() ? Optional.of("query must not be blank") : Optional.empty();
  }

  @Override
  public Future<JsonObject> execute(OwnerId owner, JsonObject args, ToolPolicy policy) {
    if (config.url().isEmpty()) {
      return Future.failedFuture(new ToolFailed(unavailable().orElseThrow()));
    }
    String query = args.getString("query").strip();
    int max = Math.min(args.getInteger("max_results", config.maxResults()), config.maxResults());
    URI request = config.searchUri(query);
    ToolPolicy endpointPolicy = ToolPolicy.BASE.withOverrides(new JsonObject()
        .put("timeout_seconds", config.timeout().toSeconds()).put("max_response_bytes", config.maxResponseBytes()))
        .reaching(config.endpoint());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accept", "application/json");
    config.apiKey().ifPresent(k -> headers.put(k.header(), k.headerValue()));
    return fetcher.fetch(request, endpointPolicy, "tools.search_api.max_response_bytes", headers)
        .recover(e -> Future.failedFuture(failure(e)))
        .map(answer -> {
          JsonArray results = SearchResults.parse(answer.bytes(), max, config.snippetCharacters());
          return new JsonObject().put("query", query).put("results", results).put("count", results.size());
        });
  }

  /** Whatever went wrong is the operator's endpoint's, so the call failed (it was not refused by the owner's rule). */
  private static Throwable failure(Throwable e) {
    if (e instanceof MemoryFailure f && f.getCause() instanceof NetworkDenied denied) {
      return new ToolFailed("the search endpoint may not be reached: " + denied.getMessage()
          + " (an operator lists such an address in tools.search_api.allowed_addresses)");
    }
    return new ToolFailed("the search endpoint failed: " + e.getMessage());
  }

  @Override
  public JsonObject auditSummary(JsonObject result) {
    return new JsonObject().put("query", result.getString("query")).put("count", result.getInteger("count"));
  }
}

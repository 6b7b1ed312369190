package io.aiox.worker.tool.database;

import io.aiox.policy.crypto.Vault;
import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.policy.tool.net.NetworkDenied;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.schema.external.QueryFailed;
import io.aiox.schema.external.QueryRefused;
import io.aiox.schema.external.ReadOnlyQuery;
import io.aiox.schema.external.TableName;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.SecretName;
import io.aiox.worker.tool.Tool;
import io.aiox.worker.tool.ToolFailed;
import io.aiox.worker.tool.ToolRefused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code database_query}: one read-only query on the owner's PostgreSQL database named by the policy's
 * {@code connection} (its URL is the owner's sealed secret {@code db:<name>}). The {@code table} argument must be
 * in {@code allowed_tables}, and PostgreSQL's plan of the query must read nothing else ({@link ReadOnlyQuery}).
 * The database's host passes the network rule like any other target, and the connection goes to the vetted
 * address. Rows are capped by {@code tools.database_query.max_rows} and the policy's byte cap.
 */
public final class DatabaseQueryTool implements Tool {
  private final NetworkGuard guard;
  private final Optional<Vault> vault;
  private final DatabaseQueryConfig config;
  private final ReadOnlyQuery query;
  private final ToolDefinition definition = ToolCatalog.find(ToolCatalog.DATABASE_QUERY).orElseThrow();

  public DatabaseQueryTool(Vertx vertx, NetworkGuard guard, Optional<Vault> vault, DatabaseQueryConfig config) {
    this.guard = guard;
    this.vault = vault;
    this.config = config;
    this.query = new ReadOnlyQuery(vertx);
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public Optional<String> unavailable() {
    return vault.isPresent() ? Optional.empty() : Optional.of(definition.name() + ": this hub has no master key"
        + " (security.master_key_file or security.master_key_env), so owners' connection secrets cannot be opened");
  }

  @Override
  public Optional<String> problem(JsonObject args) {
    try {
      TableName.parse(args.getString("table"));
    } catch (IllegalArgumentException e) {
      return Optional.of("table: " + e.getMessage());
    }
    return args.getString("query").isBlank() ? Optional.of("query is empty") : Optional.empty();
  }

  @Override
  public Optional<String> outsidePolicy(JsonObject args, ToolPolicy policy) {
    if (policy.connection().isEmpty()) {
      return Optional.of("database_query: the agent's policy names no connection (policy key 'connection'; the"
          + " owner stores its postgresql:// URL as the secret db:<name>)");
    }
    Set<TableName> allowed;
    try {
      allowed = allowed(policy);
    } catch (IllegalArgumentException e) {
      return Optional.of("the agent's allowed_tables for database_query has an entry that is no table: "
          + e.getMessage());
    }
    TableName table = TableName.parse(args.getString("table"));
    return allowed.contains(table) ? Optional.empty()
        : Optional.of("table " + table + " is not in the agent's allowed_tables for database_query");
  }

  @Override
  public Future<JsonObject> execute(OwnerId owner, JsonObject args, ToolPolicy policy) {
    SecretName name = new SecretName("db:" + policy.connection());
    ReadOnlyQuery.Limits limits = new ReadOnlyQuery.Limits(policy.timeout(), config.maxRows(),
        policy.maxResponseBytes());
    return vault.orElseThrow().secret(owner, name)
        .recover(e -> Future.failedFuture(new ToolFailed("the secret " + name + " cannot be opened: "
            + ToolFailed.describe(e))))
        .compose(url -> url.isPresent() ? connectTo(name, url.get(), policy) : Future.failedFuture(new ToolFailed(
            "the owner has no secret " + name + " (set it with: aiox secret set --owner <owner> --name " + name
                + ")")))
        .compose(options -> query.run(options, args.getString("query"), allowed(policy), limits))
        .map(rows -> rows.toJson().put("connection", policy.connection()))
        .recover(e -> Future.failedFuture(mapped(e)));
  }

  private Future<PgConnectOptions> connectTo(SecretName name, String url, ToolPolicy policy) {
    PgConnectOptions options = ConnectionUrl.parse(name.value(), url);
    return guard.vet(options.getHost(), policy.allowedDomains(), policy.allowedAddresses())
        .map(target -> options.setHost(target.address().getHostAddress()));
  }

  private static Set<TableName> allowed(ToolPolicy policy) {
    Set<TableName> tables = new LinkedHashSet<>();
    policy.allowedTables().forEach(t -> tables.add(TableName.parse(t)));
    return tables;
  }

  private static Throwable mapped(Throwable e) {
    return switch (e) {
      case QueryRefused r -> new ToolRefused(r.getMessage());
      case QueryFailed f -> new ToolFailed(f.getMessage());
      case ToolFailed f -> f;
      case NetworkDenied d -> d;
      default -> new ToolFailed("database_query failed: " + ToolFailed.describe(e));
    };
  }

  /** Without the rows: the audit keeps which columns and how many rows, not the data. */
  @Override
  public JsonObject auditSummary(JsonObject result) {
    JsonObject summary = result.copy();
    summary.remove("rows");
    return summary;
  }
}

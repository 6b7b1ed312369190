package io.aiox.schema.usage;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads an owner's usage of the last {@code days} UTC days (today included) from {@code executions} and
 * {@code audit_logs}. One set of statements serves one owner (in the owner's row-level security scope, with the
 * owner also named in the filter) and the whole hub ({@link #allOwners}, on a client logged in as the admin role:
 * the hub role sees no row without an owner set).
 */
public final class UsageRepository {
  /** The audit events that mean something was refused: access, quotas, tool calls, agents' consultations. */
  public static final List<String> REFUSALS = List.of("access.denied", "quota.exceeded", "quota.unavailable",
      "tool.denied", "tool.rejected", "tool.expired", "a2a.hop_limit");
  public static final int MAX_DAYS = 366;

  private static final String OWNER = "($1::uuid IS NULL OR %s = $1)";
  private static final String SINCE = "%s >= (((now() AT TIME ZONE 'UTC')::date - ($2::int - 1)) AT TIME ZONE 'UTC')";
  private static final String DAYS = "SELECT (e.created_at AT TIME ZONE 'UTC')::date AS day, e.agent_id,"
      + " a.profile->>'name' AS agent_name,"
      + " sum(coalesce(e.prompt_tokens, 0) + coalesce(e.completion_tokens, 0))::bigint AS tokens, count(*) AS turns"
      + " FROM executions e JOIN agents a ON a.id = e.agent_id WHERE " + OWNER.formatted("e.owner_user_id")
      + " AND " + SINCE.formatted("e.created_at") + " GROUP BY 1, 2, 3 ORDER BY 1, 3, 2";
  private static final String REFUSED = "SELECT event_type, count(*) AS n FROM audit_logs WHERE "
      + OWNER.formatted("owner_user_id") + " AND " + SINCE.formatted("created_at")
      + " AND event_type = ANY($3) GROUP BY 1 ORDER BY 2 DESC, 1";
  private static final String MODELS = "SELECT model, count(*) AS turns,"
      + " sum(coalesce(prompt_tokens, 0))::bigint AS prompt, sum(coalesce(completion_tokens, 0))::bigint AS completion,"
      + " percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,"
      + " percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99"
      + " FROM executions WHERE " + OWNER.formatted("owner_user_id") + " AND " + SINCE.formatted("created_at")
      + " AND model IS NOT NULL AND duration_ms IS NOT NULL AND status IN ('completed', 'cancelled')"
      + " GROUP BY model ORDER BY model";

  private final OwnerScope scope;

  public UsageRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** The owner's usage; {@code days} from 1 to {@link #MAX_DAYS}. */
  public Future<UsageReport> report(OwnerId owner, int days) {
    checkDays(days);
    return scope.run(owner, conn -> read(conn, owner.value(), days));
  }

  /** Every owner's usage together, on {@code admin}: a client logged in as the admin role. */
  public static Future<UsageReport> allOwners(SqlClient admin, int days) {
    checkDays(days);
    return read(admin, null, days);
  }

  private static Future<UsageReport> read(SqlClient client, UUID owner, int days) {
    Future<List<AgentDay>> perDay = list(client, DAYS, Tuple.of(owner, days), r -> new AgentDay(
        r.getLocalDate("day"), new AgentId(r.getUUID("agent_id")), r.getString("agent_name"), r.getLong("tokens"),
        r.getLong("turns")));
    Future<List<RefusalCount>> refusals = perDay.compose(d -> list(client, REFUSED,
        Tuple.of(owner, days, REFUSALS.toArray(String[]::new)), r -> new RefusalCount(r.getString("event_type"),
            r.getLong("n"))));
    Future<List<ModelUse>> models = refusals.compose(d -> list(client, MODELS, Tuple.of(owner, days),
        r -> new ModelUse(r.getString("model"), r.getLong("turns"), r.getLong("prompt"), r.getLong("completion"),
            r.getDouble("p50"), r.getDouble("p99"))));
    // one after the other: a transaction's connection runs one statement at a time
    return models.map(m -> new UsageReport(perDay.result(), refusals.result(), m));
  }

  private static <T> Future<List<T>> list(SqlClient client, String sql, Tuple args, Function<Row, T> row) {
    return client.preparedQuery(sql).execute(args).map(rows -> {
      List<T> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(row.apply(r)));
      return out;
    });
  }

  private static void checkDays(int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be 1.." + MAX_DAYS + ", was " + days);
    }
  }

}

package io.aiox.schema.usage;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Usage alerts: recorded at most once per owner, counter, limit and window; listed newest first. */
public final class AlertRepository {
  private static final String COLUMNS = "id, owner_user_id, scope, scope_id, limit_key, window_start, used,"
      + " limit_value, text, created_at";

  private final OwnerScope scope;

  public AlertRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Records the alert unless one for its window is there already: present when it is new (and must be sent). */
  public Future<Optional<UsageAlert>> recordOnce(UsageAlert a) {
    Tuple args = Tuple.tuple().addUUID(a.id()).addUUID(a.owner().value()).addString(a.scope())
        .addUUID(a.scopeId()).addString(a.limitKey()).addOffsetDateTime(a.windowStart().atOffset(ZoneOffset.UTC))
        .addLong(a.used()).addLong(a.limitValue()).addString(a.text());
    return scope.run(a.owner(), conn -> conn.preparedQuery("INSERT INTO usage_alerts (id, owner_user_id, scope,"
        + " scope_id, limit_key, window_start, used, limit_value, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        + " ON CONFLICT (owner_user_id, scope, scope_id, limit_key, window_start) DO NOTHING RETURNING " + COLUMNS)
        .execute(args).map(rows -> rows.size() == 0 ? Optional.<UsageAlert>empty()
            : Optional.of(alert(rows.iterator().next()))));
  }

  /** The owner's alerts, newest first, at most {@code limit}. */
  public Future<List<UsageAlert>> list(OwnerId owner, int limit) {
    return scope.run(owner, conn -> conn.preparedQuery("SELECT " + COLUMNS + " FROM usage_alerts"
        + " WHERE owner_user_id = $1 ORDER BY created_at DESC, id LIMIT $2").execute(Tuple.of(owner.value(), limit))
        .map(rows -> {
          List<UsageAlert> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(alert(r)));
          return out;
        }));
  }

  /** Agents of any owner with a turn that started or ended within {@code within}: whom the sweep looks at. */
  public Future<List<RecentTurns>> recentTurns(Duration within) {
    return scope.pool().preparedQuery("SELECT owner_user_id, owner_jid, agent_id, agent_name, governance"
        + " FROM aiox_recent_turns($1)").execute(Tuple.of((int) Math.max(1, within.toSeconds()))).map(rows -> {
          List<RecentTurns> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(new RecentTurns(new OwnerId(r.getUUID("owner_user_id")), r.getString("owner_jid"),
              new AgentId(r.getUUID("agent_id")), r.getString("agent_name"), Optional.ofNullable(r.getJsonObject("governance"))
                  .orElseGet(JsonObject::new))));
          return out;
        });
  }

  private static UsageAlert alert(Row r) {
    return new UsageAlert(r.getUUID("id"), new OwnerId(r.getUUID("owner_user_id")), r.getString("scope"),
        r.getUUID("scope_id"), r.getString("limit_key"), r.getOffsetDateTime("window_start").toInstant(),
        r.getLong("used"), r.getLong("limit_value"), r.getString("text"),
        r.getOffsetDateTime("created_at").toInstant());
  }
}

package io.aiox.schema.audit;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one owner's chain for people, in the owner's row-level security scope: pages newest first, and the
 * verification of the whole chain ({@link AuditVerifier} on the owner's own transaction, where the owner's rows and
 * nothing else are visible to the hub role).
 */
public final class AuditEntries {
  private final OwnerScope scope;

  public AuditEntries(OwnerScope scope) {
    this.scope = scope;
  }

  /**
   * At most {@code limit} entries with a sequence number below {@code before} (all when empty), newest first, of
   * {@code agent} only when given.
   */
  public Future<List<AuditEntry>> page(OwnerId owner, Optional<AgentId> agent, Optional<Long> before, int limit) {
    Tuple args = Tuple.of(owner.value(), before.orElse(Long.MAX_VALUE), agent.map(AgentId::value).orElse(null),
        limit);
    return scope.run(owner, conn -> conn.preparedQuery("SELECT seq, created_at, event_type, severity, agent_id,"
        + " actor, details FROM audit_logs WHERE owner_user_id = $1 AND seq < $2"
        + " AND ($3::uuid IS NULL OR agent_id = $3) ORDER BY seq DESC LIMIT $4").execute(args).map(rows -> {
          List<AuditEntry> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(new AuditEntry(r.getLong("seq"), r.getOffsetDateTime("created_at").toInstant(),
              r.getString("event_type"), r.getString("severity"),
              Optional.ofNullable(r.getUUID("agent_id")).map(AgentId::new), r.getString("actor"),
              Optional.ofNullable(r.getJsonObject("details")).orElseGet(JsonObject::new))));
          return out;
        }));
  }

  /** Recomputes the owner's whole chain. */
  public Future<ChainReport> verify(OwnerId owner) {
    return scope.run(owner, conn -> new AuditVerifier(conn).verify(owner));
  }
}

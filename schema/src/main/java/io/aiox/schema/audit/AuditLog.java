package io.aiox.schema.audit;

import io.aiox.schema.OwnerScope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Appends to an owner's audit chain. Hashing and numbering happen in {@code aiox_audit_append} under a per-owner
 * lock, so concurrent writers from several hubs still build one unbroken chain.
 */
public final class AuditLog {
  private final OwnerScope scope;

  public AuditLog(OwnerScope scope) {
    this.scope = scope;
  }

  /** The entry's sequence number in its owner's chain. */
  public Future<Long> append(AuditEvent e) {
    Tuple args = Tuple.of(UUID.randomUUID(), e.owner().value(), e.agent().map(a -> a.value()).orElse(null), e.type(),
        e.severity().sql(), e.actor(), e.details());
    return scope.run(e.owner(), conn -> conn
        .preparedQuery("SELECT seq FROM aiox_audit_append($1, $2, $3, $4, $5, $6, $7)")
        .execute(args).map(rows -> {
          Row row = rows.iterator().next();
          return row.getLong("seq");
        }));
  }
}

package io.aiox.schema.audit;

import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Walks owners' audit chains and recomputes every hash. It must run on a client logged in as the admin role: the
 * hub role sees no audit row without an owner set, so on its pool every chain would look empty. Entries are read in
 * pages of {@code pageSize} by sequence number and owners one at a time, so a hub with millions of entries is never
 * held in memory. The hash is recomputed in SQL with {@code aiox_audit_canonical}, the same definition the writer
 * ({@code aiox_audit_append}) used, so there is one canonical form, not two that could drift apart.
 */
public final class AuditVerifier {
  public static final int DEFAULT_PAGE_SIZE = 1_000;

  private static final String PAGE = "SELECT id, seq, prev_hash, hash, sha256(coalesce(prev_hash, ''::bytea)"
      + " || aiox_audit_canonical(owner_user_id, seq, agent_id, event_type, severity, actor, details, created_at))"
      + " AS recomputed FROM audit_logs WHERE owner_user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";
  // Owners in id order, one at a time, each found through the (owner_user_id, seq) index: no DISTINCT over all rows.
  private static final String NEXT_OWNER = "SELECT o.owner_user_id, u.username FROM (SELECT owner_user_id"
      + " FROM audit_logs WHERE $1::uuid IS NULL OR owner_user_id > $1 ORDER BY owner_user_id LIMIT 1) o"
      + " LEFT JOIN users u ON u.id = o.owner_user_id";
  private static final String OWNER_NAME = "SELECT username FROM users WHERE id = $1";

  private final SqlClient admin;
  private final int pageSize;

  public AuditVerifier(SqlClient admin) {
    this(admin, DEFAULT_PAGE_SIZE);
  }

  public AuditVerifier(SqlClient admin, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
    }
    this.admin = admin;
    this.pageSize = pageSize;
  }

  /** One owner's chain; an owner without entries has an empty chain, which holds. */
  public Future<ChainReport> verify(OwnerId owner) {
    return admin.preparedQuery(OWNER_NAME).execute(Tuple.of(owner.value()))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty()
            : Optional.ofNullable(rows.iterator().next().getString("username")))
        .compose(name -> walk(new ChainWalk(owner, name)));
  }

  /** Every owner's chain that has entries, in owner id order; {@code each} gets the reports as they are done. */
  public Future<Void> verifyAll(Consumer<ChainReport> each) {
    return nextOwner(null, each);
  }

  private Future<Void> nextOwner(UUID after, Consumer<ChainReport> each) {
    return admin.preparedQuery(NEXT_OWNER).execute(Tuple.of(after)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      Row row = rows.iterator().next();
      UUID owner = row.getUUID("owner_user_id");
      return walk(new ChainWalk(new OwnerId(owner), Optional.ofNullable(row.getString("username"))))
          .compose(report -> {
            each.accept(report);
            return nextOwner(owner, each);
          });
    });
  }

  private Future<ChainReport> walk(ChainWalk walk) {
    OwnerId owner = walk.owner();
    return admin.preparedQuery(PAGE).execute(Tuple.of(owner.value(), walk.lastSeq(), pageSize)).compose(rows -> {
      boolean more = check(walk, rows) && rows.size() == pageSize;
      return more ? walk(walk) : Future.succeededFuture(walk.report());
    });
  }

  /** Feeds a page to the walk; false once the chain broke. */
  private static boolean check(ChainWalk walk, RowSet<Row> rows) {
    for (Row r : rows) {
      if (!walk.accept(r.getUUID("id"), r.getLong("seq"), bytes(r.getBuffer("prev_hash")),
          bytes(r.getBuffer("hash")), bytes(r.getBuffer("recomputed")))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(Buffer b) {
    return b == null ? null : b.getBytes();
  }
}

package io.aiox.schema.console;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens by the SHA-256 hash of their value, in families: a sign-in starts a family, each refresh spends a
 * token and adds its successor. Spending is one transaction with the row locked, so two hubs never both rotate it.
 */
public final class RefreshTokenRepository {
  private final OwnerScope scope;

  public RefreshTokenRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Whose token this is (a cross-owner lookup returning the owner only). */
  public Future<Optional<OwnerId>> ownerOf(byte[] hash) {
    return scope.pool().preparedQuery("SELECT aiox_refresh_token_owner($1) AS owner")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> Optional.ofNullable(rows.iterator().next().getUUID("owner")).map(OwnerId::new));
  }

  /** Stores the first token of a new family; returns the family. */
  public Future<UUID> startFamily(OwnerId owner, byte[] hash, OffsetDateTime expiresAt) {
    UUID family = UUID.randomUUID();
    return scope.run(owner, conn -> insert(conn, owner, family, hash, expiresAt)).map(family);
  }

  /**
   * Spends the token {@code hash} and stores {@code nextHash} in its family; a token spent before revokes its whole
   * family (in the same transaction), which is the reuse detection.
   */
  public Future<Rotation> rotate(OwnerId owner, byte[] hash, byte[] nextHash, OffsetDateTime nextExpiresAt) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT id, family_id, expires_at, rotated_at, revoked_at FROM console_refresh_tokens"
            + " WHERE token_hash = $1 FOR UPDATE")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new Rotation.Unknown());
          }
          Row r = rows.iterator().next();
          UUID family = r.getUUID("family_id");
          if (r.getOffsetDateTime("revoked_at") != null) {
            return Future.succeededFuture(new Rotation.Revoked(family));
          }
          if (r.getOffsetDateTime("rotated_at") != null) {
            return revoke(conn, family).map(new Rotation.Reused(family));
          }
          if (!r.getOffsetDateTime("expires_at").isAfter(OffsetDateTime.now())) {
            return Future.succeededFuture(new Rotation.Expired(family));
          }
          return conn.preparedQuery("UPDATE console_refresh_tokens SET rotated_at = now() WHERE id = $1")
              .execute(Tuple.of(r.getUUID("id")))
              .compose(done -> insert(conn, owner, family, nextHash, nextExpiresAt))
              .map(new Rotation.Rotated(family));
        }));
  }

  /** Revokes the family of the token {@code hash} (sign-out); false when there is no such token. */
  public Future<Boolean> revokeFamilyOf(OwnerId owner, byte[] hash) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT family_id FROM console_refresh_tokens WHERE token_hash = $1")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
            : revoke(conn, rows.iterator().next().getUUID("family_id")).map(true)));
  }

  private static Future<Void> insert(SqlConnection conn, OwnerId owner, UUID family, byte[] hash,
                                     OffsetDateTime expiresAt) {
    return conn.preparedQuery("INSERT INTO console_refresh_tokens (id, owner_user_id, family_id, token_hash,"
            + " expires_at) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(UUID.randomUUID(), owner.value(), family, Buffer.buffer(hash), expiresAt)).mapEmpty();
  }

  private static Future<Void> revoke(SqlConnection conn, UUID family) {
    return conn.preparedQuery("UPDATE console_refresh_tokens SET revoked_at = now() WHERE family_id = $1"
        + " AND revoked_at IS NULL").execute(Tuple.of(family)).mapEmpty();
  }
}

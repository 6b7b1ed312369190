package io.aiox.schema.console;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users' API keys by the SHA-256 hash of the key; the key itself is shown once and never stored. */
public final class ApiKeyRepository {
  private static final String COLUMNS = "id, owner_user_id, name, prefix, created_at, last_used_at";
  private final OwnerScope scope;

  public ApiKeyRepository(OwnerScope scope) {
    this.scope = scope;
  }

  public Future<ApiKey> add(OwnerId owner, String name, String prefix, byte[] hash) {
    return scope.run(owner, conn -> conn
        .preparedQuery("INSERT INTO console_api_keys (id, owner_user_id, name, prefix, key_hash)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
        .execute(Tuple.of(UUID.randomUUID(), owner.value(), name, prefix, Buffer.buffer(hash)))
        .map(rows -> toKey(rows.iterator().next())));
  }

  /** The owner's keys, oldest first. */
  public Future<List<ApiKey>> list(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT " + COLUMNS + " FROM console_api_keys WHERE owner_user_id = $1 ORDER BY created_at, id")
        .execute(Tuple.of(owner.value())).map(rows -> {
          List<ApiKey> keys = new ArrayList<>(rows.size());
          rows.forEach(r -> keys.add(toKey(r)));
          return keys;
        }));
  }

  /** True when the owner had that key. */
  public Future<Boolean> delete(OwnerId owner, UUID id) {
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM console_api_keys WHERE id = $1 AND owner_user_id = $2")
        .execute(Tuple.of(id, owner.value())).map(rows -> rows.rowCount() == 1));
  }

  /** The key with this hash, marked used now; empty when there is none (never made, or deleted). */
  public Future<Optional<ApiKey>> use(byte[] hash) {
    return scope.pool().preparedQuery("SELECT aiox_api_key_owner($1) AS owner").execute(Tuple.of(Buffer.buffer(hash)))
        .compose(rows -> {
          java.util.UUID owner = rows.iterator().next().getUUID("owner");
          if (owner == null) {
            return Future.succeededFuture(Optional.<ApiKey>empty());
          }
          return scope.run(new OwnerId(owner), conn -> conn
              .preparedQuery("UPDATE console_api_keys SET last_used_at = now() WHERE key_hash = $1 RETURNING " + COLUMNS)
              .execute(Tuple.of(Buffer.buffer(hash)))
              .map(updated -> updated.size() == 0 ? Optional.<ApiKey>empty()
                  : Optional.of(toKey(updated.iterator().next()))));
        });
  }

  private static ApiKey toKey(Row r) {
    return new ApiKey(r.getUUID("id"), new OwnerId(r.getUUID("owner_user_id")), r.getString("name"),
        r.getString("prefix"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("last_used_at"));
  }
}

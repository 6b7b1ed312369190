package io.aiox.schema.console;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hub-wide token signing keys: any hub instance adds one when the newest is due for rotation. */
public final class SigningKeyRepository {
  private static final String COLUMNS = "kid, public_jwk, private_key, sealed_by, created_at";
  private final Pool pool;

  public SigningKeyRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a new key; {@code createdAt} is the database's clock, returned. */
  public Future<StoredSigningKey> add(String kid, JsonObject publicJwk, byte[] privateKey, Optional<String> sealedBy) {
    return pool.preparedQuery("INSERT INTO console_signing_keys (kid, public_jwk, private_key, sealed_by)"
            + " VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS)
        .execute(Tuple.of(kid, publicJwk, Buffer.buffer(privateKey), sealedBy.orElse(null)))
        .map(rows -> toKey(rows.iterator().next()));
  }

  /** Keys made after {@code since}, newest first. */
  public Future<List<StoredSigningKey>> since(OffsetDateTime since) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM console_signing_keys WHERE created_at > $1"
            + " ORDER BY created_at DESC").execute(Tuple.of(since))
        .map(rows -> {
          List<StoredSigningKey> keys = new ArrayList<>(rows.size());
          rows.forEach(r -> keys.add(toKey(r)));
          return keys;
        });
  }

  /** Removes keys made before {@code before} (no token they signed is still valid); how many. */
  public Future<Integer> removeBefore(OffsetDateTime before) {
    return pool.preparedQuery("DELETE FROM console_signing_keys WHERE created_at < $1").execute(Tuple.of(before))
        .map(rows -> rows.rowCount());
  }

  private static StoredSigningKey toKey(Row r) {
    return new StoredSigningKey(r.getString("kid"), (JsonObject) r.getJson("public_jwk"),
        r.getBuffer("private_key").getBytes(), Optional.ofNullable(r.getString("sealed_by")),
        r.getOffsetDateTime("created_at"));
  }
}

package io.aiox.schema.key;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The owners' data keys, wrapped. Several versions of one owner's key live side by side: the newest unretired one
 * seals, every one still opens what it sealed, so a rotation never makes a stored value unreadable.
 */
public final class TenantKeyRepository {
  private static final String COLUMNS = "owner_user_id, version, wrapped_key, master_key_id, retired_at";

  private final OwnerScope scope;

  public TenantKeyRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** The version that seals new values: the newest one not retired. */
  public Future<Optional<WrappedKey>> current(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT " + COLUMNS + " FROM tenant_keys WHERE owner_user_id = $1 AND retired_at IS NULL"
            + " ORDER BY version DESC LIMIT 1")
        .execute(Tuple.of(owner.value())).map(TenantKeyRepository::first));
  }

  public Future<Optional<WrappedKey>> find(OwnerId owner, int version) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT " + COLUMNS + " FROM tenant_keys WHERE owner_user_id = $1 AND version = $2")
        .execute(Tuple.of(owner.value(), version)).map(TenantKeyRepository::first));
  }

  /** Every version of the owner's key, oldest first. */
  public Future<List<WrappedKey>> all(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT " + COLUMNS + " FROM tenant_keys WHERE owner_user_id = $1 ORDER BY version")
        .execute(Tuple.of(owner.value())).map(TenantKeyRepository::all));
  }

  /**
   * Adds {@code version} and retires the older versions (they keep opening, they stop sealing). False when the
   * version exists already: another hub or a concurrent rotation added it first, and its key is the one to use.
   */
  public Future<Boolean> add(OwnerId owner, int version, byte[] wrapped, String masterKeyId) {
    return scope.run(owner, conn -> conn
        .preparedQuery("INSERT INTO tenant_keys (owner_user_id, version, wrapped_key, master_key_id)"
            + " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(owner.value(), version, Buffer.buffer(wrapped), masterKeyId))
        .compose(inserted -> inserted.rowCount() == 0 ? Future.succeededFuture(false) : conn
            .preparedQuery("UPDATE tenant_keys SET retired_at = now()"
                + " WHERE owner_user_id = $1 AND version < $2 AND retired_at IS NULL")
            .execute(Tuple.of(owner.value(), version)).map(true)));
  }

  /**
   * Replaces the wrapping of one version, only if it is still wrapped by {@code fromMasterKeyId} (a concurrent
   * re-wrap is not undone). The data key itself does not change, so values sealed with it stay as they are.
   */
  public Future<Boolean> rewrap(OwnerId owner, int version, String fromMasterKeyId, byte[] wrapped,
                                String toMasterKeyId) {
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE tenant_keys SET wrapped_key = $3, master_key_id = $4"
            + " WHERE owner_user_id = $1 AND version = $2 AND master_key_id = $5")
        .execute(Tuple.of(owner.value(), version, Buffer.buffer(wrapped), toMasterKeyId, fromMasterKeyId))
        .map(rows -> rows.rowCount() == 1));
  }

  /** One page of the owners that hold data keys, in id order after {@code after} (null: from the start). */
  public Future<List<OwnerId>> owners(OwnerId after, int limit) {
    return scope.pool().preparedQuery("SELECT owner_user_id FROM aiox_key_owners($1, $2)")
        .execute(Tuple.of(after == null ? null : after.value(), limit)).map(rows -> {
          List<OwnerId> owners = new ArrayList<>(rows.size());
          rows.forEach(r -> owners.add(new OwnerId(r.getUUID(0))));
          return owners;
        });
  }

  /** How many data keys (all owners, all versions) each master key wraps. */
  public Future<Map<String, Long>> countByMasterKey() {
    return scope.pool().query("SELECT master_key_id, data_keys FROM aiox_key_master_usage()").execute()
        .map(rows -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
          return counts;
        });
  }

  private static Optional<WrappedKey> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toKey(rows.iterator().next()));
  }

  private static List<WrappedKey> all(RowSet<Row> rows) {
    List<WrappedKey> keys = new ArrayList<>(rows.size());
    rows.forEach(r -> keys.add(toKey(r)));
    return keys;
  }

  private static WrappedKey toKey(Row r) {
    return new WrappedKey(new OwnerId(r.getUUID("owner_user_id")), r.getInteger("version"),
        r.getBuffer("wrapped_key").getBytes(), r.getString("master_key_id"), r.getValue("retired_at") != null);
  }
}

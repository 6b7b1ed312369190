package io.aiox.policy.crypto;

import io.aiox.policy.crypto.CryptoFailure.Kind;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.TenantKeyRepository;
import io.aiox.schema.key.WrappedKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The owners' data keys: created on first use, unwrapped on demand and kept in memory for a short time, so a turn
 * costs no key query while another process's rotation is seen within that time. Concurrent requests for one key
 * share one load.
 */
final class DataKeys {
  private static final Logger LOG = Logger.getLogger(DataKeys.class.getName());
  private static final int MAX_CACHED = 50_000;

  private final Vertx vertx;
  private final TenantKeyRepository repository;
  private final MasterKeys masterKeys;
  private final long ttlNanos;
  private final Map<Ref, Cached<DataKey>> keys = new ConcurrentHashMap<>();
  private final Map<OwnerId, Cached<Integer>> currentVersions = new ConcurrentHashMap<>();

  DataKeys(Vertx vertx, TenantKeyRepository repository, MasterKeys masterKeys, Duration ttl) {
    this.vertx = vertx;
    this.repository = repository;
    this.masterKeys = masterKeys;
    this.ttlNanos = ttl.toNanos();
  }

  /** The key that seals the owner's new values; version 1 is created on the owner's first use. */
  Future<DataKey> current(OwnerId owner) {
    Cached<Integer> version = currentVersions.get(owner);
    if (version != null && version.fresh() && version.value.succeeded()) {
      return version(owner, version.value.result());
    }
    return repository.current(owner)
        .compose(row -> row.isPresent() ? remember(row.get()) : create(owner, 1))
        .onSuccess(key -> currentVersions.put(owner, new Cached<>(Future.succeededFuture(key.version()), expiry())));
  }

  /** The key of one version, to open what it sealed. */
  Future<DataKey> version(OwnerId owner, int version) {
    return cached(keys, new Ref(owner, version), () -> repository.find(owner, version).compose(row -> row
        .map(this::unwrap)
        .orElseGet(() -> Future.failedFuture(new CryptoFailure(Kind.DATA_KEY_MISSING, "owner " + owner
            + " has no data key version " + version + ": the value was sealed with a key that no longer exists")))));
  }

  /** Adds the owner's next version, which seals from now on; the older ones keep opening. */
  Future<DataKey> rotate(OwnerId owner) {
    currentVersions.remove(owner);
    return repository.current(owner).compose(row -> create(owner, row.map(r -> r.version() + 1).orElse(1)))
        .onSuccess(key -> currentVersions.put(owner, new Cached<>(Future.succeededFuture(key.version()), expiry())));
  }

  /** Re-wraps every version of the owner's key that the current master key does not wrap; how many it did. */
  Future<Integer> rewrap(OwnerId owner) {
    return freshRing().compose(ring -> repository.all(owner).compose(rows -> {
      List<WrappedKey> stale = rows.stream().filter(r -> !r.masterKeyId().equals(ring.current().id())).toList();
      return Sequence.sum(stale, row -> unwrap(row).compose(key -> repository.rewrap(owner, row.version(),
          row.masterKeyId(), KeyWrap.wrap(ring.current(), key), ring.current().id()).map(done -> done ? 1 : 0)));
    }));
  }

  MasterKeys masterKeys() {
    return masterKeys;
  }

  private Future<DataKey> create(OwnerId owner, int version) {
    DataKey key = DataKey.generate(owner, version);
    return freshRing().compose(ring -> repository.add(owner, version, KeyWrap.wrap(ring.current(), key),
        ring.current().id()).compose(added -> {
          if (added) {
            keys.put(new Ref(owner, version), new Cached<>(Future.succeededFuture(key), expiry()));
            return Future.succeededFuture(key);
          }
          // Another hub or rotation added this version first: its key is the one every hub must use.
          return repository.current(owner).compose(row -> row.map(this::remember).orElseGet(() ->
              Future.failedFuture(new IllegalStateException("owner " + owner + "'s data key vanished while created"))));
        }));
  }

  private Future<DataKey> remember(WrappedKey row) {
    return cached(keys, new Ref(row.owner(), row.version()), () -> unwrap(row));
  }

  /** Unwraps a row; a master key not held yet may have just been added to the key file, so it is read again. */
  private Future<DataKey> unwrap(WrappedKey row) {
    MasterKeyRing held = masterKeys.ring();
    if (held.find(row.masterKeyId()).isPresent()) {
      try {
        return Future.succeededFuture(KeyWrap.unwrap(held, row));
      } catch (CryptoFailure e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(masterKeys::reload).map(ring -> KeyWrap.unwrap(ring, row));
  }

  /** The master keys as the key file holds them now: a new data key must not be wrapped by a retired master key. */
  private Future<MasterKeyRing> freshRing() {
    return vertx.executeBlocking(masterKeys::reload).recover(e -> {
      LOG.warning(() -> "re-reading the master keys failed, wrapping with the ones held: " + e.getMessage());
      return Future.succeededFuture(masterKeys.ring());
    });
  }

  private <K, V> Future<V> cached(Map<K, Cached<V>> map, K key, Supplier<Future<V>> load) {
    Cached<V> hit = map.get(key);
    if (hit != null && hit.fresh() && !hit.value.failed()) {
      return hit.value;
    }
    if (map.size() > MAX_CACHED) {
      map.values().removeIf(c -> !c.fresh());
    }
    Future<V> loading;
    try {
      loading = load.get();
    } catch (RuntimeException e) {
      loading = Future.failedFuture(e);
    }
    Cached<V> entry = new Cached<>(loading, expiry());
    map.put(key, entry);
    entry.value.onFailure(e -> map.remove(key, entry));
    return entry.value;
  }

  private long expiry() {
    return System.nanoTime() + ttlNanos;
  }

  private record Ref(OwnerId owner, int version) {}

  private record Cached<V>(Future<V> value, long expiresAt) {
    boolean fresh() {
      return System.nanoTime() - expiresAt < 0;
    }
  }
}

package io.aiox.component.xmpp.routing;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded cache of loaded values, each kept {@code ttlMillis}. A full cache is emptied rather than evicted entry by
 * entry: memory stays bounded, and a cold cache costs one load per key. Concurrent misses for one key each load.
 */
public final class TtlCache<K, V> {
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final long ttlNanos;

  public TtlCache(int maxEntries, long ttlMillis) {
    this.maxEntries = maxEntries;
    this.ttlNanos = ttlMillis * 1_000_000L;
  }

  /** The cached value of {@code key}, or the one {@code load} yields (kept only when it succeeds). */
  public Future<V> get(K key, Function<K, Future<V>> load) {
    Entry<V> e = entries.get(key);
    long now = System.nanoTime();
    if (e != null && now - e.loadedAt < ttlNanos) {
      return Future.succeededFuture(e.value);
    }
    return load.apply(key).onSuccess(v -> {
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
      entries.put(key, new Entry<>(v, now));
    });
  }

  public void forget(K key) {
    entries.remove(key);
  }

  private record Entry<V>(V value, long loadedAt) {}
}

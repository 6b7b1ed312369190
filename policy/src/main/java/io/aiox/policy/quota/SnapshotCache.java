package io.aiox.policy.quota;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.quota.QuotaSnapshot;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the database says for a quota check (the owner's limits, the day's stored totals), reused for
 * {@code ttlMs}: a chatty agent's checks then touch only Redis, where the live counters are. The stored totals only
 * matter when Redis lost its day counters, and a reading that is {@code ttlMs} old undercounts them by no more
 * than that time's turns. A reading of another day is never reused, nor a failed one; concurrent checks of one key
 * share one read. Thread-safe.
 */
final class SnapshotCache {
  /** Past this many entries, expired ones are swept before another is added. */
  private static final int SWEEP_AT = 10_000;

  private final QuotaRepository repository;
  private final long ttlNanos;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  SnapshotCache(QuotaRepository repository, long ttlMs) {
    this.repository = repository;
    this.ttlNanos = ttlMs * 1_000_000L;
  }

  private record Key(OwnerId payer, OwnerId agentOwner, AgentId agent, Optional<String> remoteDomain) {}

  private record Entry(Future<QuotaSnapshot> snapshot, long readAt) {
    boolean fresh(long now, long ttl) {
      if (now - readAt >= ttl) {
        return false;
      }
      if (!snapshot.isComplete()) {
        return true;
      }
      return snapshot.succeeded() && snapshot.result().day().equals(LocalDate.now(ZoneOffset.UTC));
    }
  }

  Future<QuotaSnapshot> get(OwnerId payer, OwnerId agentOwner, AgentId agent, Optional<String> remoteDomain) {
    if (ttlNanos <= 0) {
      return repository.snapshot(payer, agentOwner, agent, remoteDomain);
    }
    Key key = new Key(payer, agentOwner, agent, remoteDomain);
    long now = System.nanoTime();
    Entry cached = entries.get(key);
    if (cached != null && cached.fresh(now, ttlNanos)) {
      return cached.snapshot();
    }
    if (entries.size() >= SWEEP_AT) {
      entries.values().removeIf(e -> !e.fresh(now, ttlNanos));
    }
    Future<QuotaSnapshot> read = repository.snapshot(payer, agentOwner, agent, remoteDomain);
    Entry entry = new Entry(read, now);
    entries.put(key, entry);
    read.onFailure(e -> entries.remove(key, entry));
    return read;
  }
}

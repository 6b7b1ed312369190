package io.aiox.policy.quota;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.quota.DayUsage;
import io.aiox.schema.quota.QuotaRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settled turns' tokens on their way to the day's totals in PostgreSQL, gathered for {@code flushMs} and written
 * together, one row per owner, agent and domain and one database call per {@value #CHUNK} of them, whatever the
 * number of owners ({@link QuotaRepository#recordAll}), instead of one transaction per turn. Each {@link #add}
 * completes when the write that carries it does, and fails with it. Redis holds the live day counters; these totals are what a Redis
 * that lost its data starts again from. Thread-safe.
 */
final class DayTotals {
  /** Rows per database call: bounds the statement's arrays. */
  static final int CHUNK = 1_000;

  private final Vertx vertx;
  private final QuotaRepository repository;
  private final long flushMs;
  private Map<Key, Pending> pending = new HashMap<>();
  private boolean scheduled;

  DayTotals(Vertx vertx, QuotaRepository repository, long flushMs) {
    this.vertx = vertx;
    this.repository = repository;
    this.flushMs = flushMs;
  }

  /** Who pays, whose agent, the sender's remote domain, the day: one row of each total. */
  private record Key(OwnerId payer, OwnerId agentOwner, AgentId agent, Optional<String> remoteDomain,
                     LocalDate day) {}

  private static final class Pending {
    private long tokens;
    private int turns;
    private final List<Promise<Void>> waiting = new ArrayList<>(1);
  }

  Future<Void> add(OwnerId payer, OwnerId agentOwner, AgentId agent, Optional<String> remoteDomain, LocalDate day,
                   long tokens) {
    if (flushMs <= 0) {
      return repository.record(payer, agentOwner, agent, remoteDomain, day, tokens);
    }
    Promise<Void> done = Promise.promise();
    boolean schedule;
    synchronized (this) {
      Pending p = pending.computeIfAbsent(new Key(payer, agentOwner, agent, remoteDomain, day), k -> new Pending());
      p.tokens += tokens;
      p.turns++;
      p.waiting.add(done);
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      vertx.setTimer(flushMs, id -> flush());
    }
    return done.future();
  }

  /** Writes everything gathered so far; completes when every write has ended. */
  Future<Void> flush() {
    Map<Key, Pending> batch;
    synchronized (this) {
      batch = pending;
      pending = new HashMap<>();
      scheduled = false;
    }
    List<Future<Void>> writes = new ArrayList<>(batch.size() / CHUNK + 1);
    List<DayUsage> rows = new ArrayList<>(Math.min(batch.size(), CHUNK));
    List<Pending> carried = new ArrayList<>(Math.min(batch.size(), CHUNK));
    for (Map.Entry<Key, Pending> e : batch.entrySet()) {
      Key k = e.getKey();
      rows.add(new DayUsage(k.payer(), k.agent(), k.remoteDomain(), k.day(), e.getValue().tokens,
          e.getValue().turns));
      carried.add(e.getValue());
      if (rows.size() == CHUNK) {
        writes.add(write(rows, carried));
        rows = new ArrayList<>(CHUNK);
        carried = new ArrayList<>(CHUNK);
      }
    }
    if (!rows.isEmpty()) {
      writes.add(write(rows, carried));
    }
    return Future.join(writes).mapEmpty();
  }

  private Future<Void> write(List<DayUsage> rows, List<Pending> carried) {
    Future<Void> written = repository.recordAll(rows);
    written.onComplete(r -> carried.forEach(p -> p.waiting.forEach(w -> w.handle(r))));
    return written;
  }
}

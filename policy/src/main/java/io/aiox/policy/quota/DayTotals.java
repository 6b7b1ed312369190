package io.aiox.policy.quota;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.quota.DayUsage;
import io.aiox.schema.quota.QuotaRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
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
 *
 * <p>One write is in flight at a time: two batches that touch the same rows in different orders deadlock in
 * PostgreSQL, which then aborts one of them (under load the chunks of one flush, or a flush that overtook a slow
 * one, did so for thousands of turns). Turns settled while a write runs gather into the next. A write another
 * hub instance deadlocked with is tried again once.
 */
final class DayTotals {
  /** Rows per database call: bounds the statement's arrays. */
  static final int CHUNK = 1_000;

  private final Vertx vertx;
  private final QuotaRepository repository;
  private final long flushMs;
  private Map<Key, Pending> pending = new HashMap<>();
  private boolean scheduled;
  /** The last write taken on; the next starts when it has ended. */
  private Future<Void> writing = Future.succeededFuture();

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

  /** Writes everything gathered so far, after the write in flight; completes when every write has ended. */
  Future<Void> flush() {
    Promise<Void> done = Promise.promise();
    Future<Void> before;
    synchronized (this) {
      before = writing;
      writing = done.future();
    }
    before.onComplete(x -> writeGathered().onComplete(done));
    return done.future();
  }

  /** Takes what has gathered and writes it in chunks, one after the other. */
  private Future<Void> writeGathered() {
    Map<Key, Pending> batch;
    synchronized (this) {
      batch = pending;
      pending = new HashMap<>();
      scheduled = false;
    }
    List<Future<Void>> writes = new ArrayList<>(batch.size() / CHUNK + 1);
    Future<Void> previous = Future.succeededFuture();
    List<DayUsage> rows = new ArrayList<>(Math.min(batch.size(), CHUNK));
    List<Pending> carried = new ArrayList<>(Math.min(batch.size(), CHUNK));
    for (Map.Entry<Key, Pending> e : batch.entrySet()) {
      Key k = e.getKey();
      rows.add(new DayUsage(k.payer(), k.agent(), k.remoteDomain(), k.day(), e.getValue().tokens,
          e.getValue().turns));
      carried.add(e.getValue());
      if (rows.size() == CHUNK) {
        previous = after(previous, rows, carried);
        writes.add(previous);
        rows = new ArrayList<>(CHUNK);
        carried = new ArrayList<>(CHUNK);
      }
    }
    if (!rows.isEmpty()) {
      writes.add(after(previous, rows, carried));
    }
    return Future.join(writes).mapEmpty();
  }

  private Future<Void> after(Future<Void> previous, List<DayUsage> rows, List<Pending> carried) {
    return previous.transform(x -> write(rows, carried));
  }

  private Future<Void> write(List<DayUsage> rows, List<Pending> carried) {
    Future<Void> written = repository.recordAll(rows)
        .recover(e -> deadlocked(e) ? repository.recordAll(rows) : Future.failedFuture(e));
    written.onComplete(r -> carried.forEach(p -> p.waiting.forEach(w -> w.handle(r))));
    return written;
  }

  /** PostgreSQL aborted the write to break a deadlock (SQLSTATE 40P01): nothing of it was stored. */
  private static boolean deadlocked(Throwable e) {
    return e instanceof PgException pg && "40P01".equals(pg.getSqlState());
  }
}

package io.aiox.policy.quota;

import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.aiox.policy.timing.DueQueue;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.quota.QuotaSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The quota service of a hub: {@link #reserve} before a turn runs, {@link #settle} (or {@link #release}) when it
 * ends, {@link #status} for the owner. Stateless: every counter lives in Redis, so any number of hubs share them.
 * {@code reserve} never fails: a store that cannot be reached, or a check slower than
 * {@link QuotaDefaults#checkTimeout()}, is an {@link Unavailable} outcome, and no turn runs.
 */
public final class Quotas {
  /** A check's timeout fires at most this late (and at most a tenth of the timeout late). */
  private static final long MAX_TIMEOUT_TICK_MS = 100;
  private final Vertx vertx;
  private final Redis redis;
  private final QuotaRepository repository;
  private final QuotaDefaults defaults;
  private final SnapshotCache snapshots;
  private final DayTotals totals;
  /** The checks' timeouts, without a timer per check; one fires up to a tick late. */
  private final DueQueue checkDeadlines;

  /**
   * {@code snapshotTtlMs}: how long a check reuses what the database said (the owner's limits, the day's stored
   * totals), so a change of limits takes effect within that time; {@code flushMs}: how long settled turns gather
   * before their tokens are written to the day's totals. 0 for either: every turn reads or writes on its own.
   */
  public Quotas(Vertx vertx, Redis redis, QuotaRepository repository, QuotaDefaults defaults, long snapshotTtlMs,
                long flushMs) {
    this.vertx = vertx;
    this.redis = redis;
    this.repository = repository;
    this.defaults = defaults;
    this.snapshots = new SnapshotCache(repository, snapshotTtlMs);
    this.totals = new DayTotals(vertx, repository, flushMs);
    this.checkDeadlines = new DueQueue(vertx, defaults.checkTimeout(),
        Duration.ofMillis(Math.max(1, Math.min(MAX_TIMEOUT_TICK_MS, defaults.checkTimeout().toMillis() / 10))));
  }

  /** With the cache and gathering times of {@code defaults}. */
  public Quotas(Vertx vertx, Redis redis, QuotaRepository repository, QuotaDefaults defaults) {
    this(vertx, redis, repository, defaults, defaults.snapshotTtl().toMillis(), defaults.totalsFlush().toMillis());
  }

  /** Writes the settled turns still gathering (at shutdown). */
  public Future<Void> flush() {
    return totals.flush();
  }

  public QuotaDefaults defaults() {
    return defaults;
  }

  /** Checks every applicable limit and, when all pass, reserves {@code request.tokens()} in one atomic step. */
  public Future<QuotaOutcome> reserve(QuotaRequest request) {
    Promise<QuotaOutcome> result = Promise.promise();
    long timeoutMs = defaults.checkTimeout().toMillis();
    DueQueue.Entry timeout = checkDeadlines.add(() -> result.tryComplete(new Unavailable("no turn can run now: the"
        + " quota check did not finish within " + timeoutMs + " ms; try again shortly", "quota check timed out")));
    check(request).onComplete(ar -> {
      timeout.cancel();
      QuotaOutcome outcome = ar.succeeded() ? ar.result() : Unavailable.storeDown("the quota service", ar.cause());
      if (!result.tryComplete(outcome) && outcome instanceof Admitted late) {
        release(late.reservation()); // admitted after the caller was told "unavailable": give the hold back
      }
    });
    return result.future();
  }

  private Future<QuotaOutcome> check(QuotaRequest request) {
    return snapshots.get(request.payer(), request.owner(), request.agent(), request.remoteDomain())
        .transform(ar -> ar.failed() ? Future.succeededFuture(Unavailable.storeDown("PostgreSQL", ar.cause()))
            : admit(request, ar.result()));
  }

  private Future<QuotaOutcome> admit(QuotaRequest request, QuotaSnapshot snapshot) {
    ScopedLimits limits;
    try {
      limits = defaults.resolve(snapshot.quotaConfig(), snapshot.agentOwnerConfig(), request.agentGovernance(),
          request.remoteDomain());
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Unavailable.misconfigured(e.getMessage()));
    }
    return reserveInRedis(request, snapshot, limits);
  }

  private Future<QuotaOutcome> reserveInRedis(QuotaRequest request, QuotaSnapshot snapshot, ScopedLimits limits) {
    String id = UUID.randomUUID().toString();
    List<ScopeKeys.Ref> scopes = ScopeKeys.scopes(request.payer(), request.agent(), request.remoteDomain());
    List<String> args = new ArrayList<>(List.of(id, Long.toString(request.tokens()),
        Long.toString(defaults.slotTtl().toMillis()), Long.toString(snapshot.day().toEpochDay())));
    for (ScopeKeys.Ref s : scopes) {
      Limits l = limits.of(s.scope());
      for (Limit limit : Limit.values()) {
        args.add(Long.toString(l.get(limit)));
      }
      args.add(Long.toString(floor(s.scope(), snapshot)));
    }
    return QuotaScripts.RESERVE.run(redis, ScopeKeys.keys(scopes, id), args)
        .map(r -> outcome(r, id, request, scopes))
        .otherwise(e -> Unavailable.storeDown("Redis", e));
  }

  private static QuotaOutcome outcome(Response r, String id, QuotaRequest request, List<ScopeKeys.Ref> scopes) {
    if (r.get(0).toInteger() == 1) {
      return new Admitted(new Reservation(id, request.owner(), request.agent(), request.remoteDomain(),
          request.tokens(), LocalDate.ofEpochDay(r.get(2).toLong()), Instant.ofEpochMilli(r.get(1).toLong()),
          request.payer()));
    }
    return ScopeKeys.refused(r, scopes, request.tokens());
  }

  /**
   * Replaces the reservation with the turn's real token count and frees its concurrency slot; the real count is
   * added to the day's totals in PostgreSQL. Settling twice changes nothing the second time. Fails (for the log)
   * when a store could not be reached; the slot then frees itself after {@link QuotaDefaults#slotTtl()}.
   */
  public Future<Void> settle(Reservation reservation, long realTokens) {
    return settleAs(reservation, Math.max(realTokens, 0));
  }

  /**
   * Settles the turn with everything it holds now, extensions included ({@link Reservations#extend}): for a turn
   * nobody waits for any more that may still be generating. Without Redis it charges what was reserved at admission.
   */
  public Future<Void> settleReserved(Reservation reservation) {
    return settleAs(reservation, -1);
  }

  private Future<Void> settleAs(Reservation reservation, long realOrKeep) {
    List<ScopeKeys.Ref> scopes = ScopeKeys.scopes(reservation.payer(), reservation.agent(), reservation.remoteDomain());
    return QuotaScripts.SETTLE.run(redis, ScopeKeys.keys(scopes, reservation.id()), List.of(reservation.id(),
        Long.toString(realOrKeep))).transform(ar -> {
          if (ar.succeeded() && ar.result().get(0).toInteger() == 0) {
            return Future.<Void>succeededFuture(); // settled before
          }
          long real = ar.succeeded() ? ar.result().get(1).toLong()
              : realOrKeep < 0 ? reservation.tokens() : realOrKeep;
          Future<Void> stored = real == 0 ? Future.succeededFuture()
              : totals.add(reservation.payer(), reservation.owner(), reservation.agent(),
                  reservation.remoteDomain(), reservation.day(), real).recover(e -> Future.failedFuture(new QuotaUnavailableException(
                      "PostgreSQL", e)));
          return ar.failed() ? stored.transform(x -> Future.<Void>failedFuture(
              new QuotaUnavailableException("Redis", ar.cause()))) : stored;
        });
  }

  /** Gives the reservation back: the turn did not run (its message still counts towards messages per minute). */
  public Future<Void> release(Reservation reservation) {
    return settle(reservation, 0);
  }

  /** What the owner has used and has left, for the owner's and the agent's counters. */
  public Future<QuotaStatus> status(OwnerId owner, AgentId agent, JsonObject agentGovernance) {
    return repository.snapshot(owner, agent, Optional.empty())
        .recover(e -> Future.failedFuture(new QuotaUnavailableException("PostgreSQL", e)))
        .compose(snapshot -> {
          ScopedLimits limits = defaults.resolve(snapshot.quotaConfig(), agentGovernance);
          List<ScopeKeys.Ref> scopes = ScopeKeys.scopes(owner, agent, Optional.empty());
          List<String> args = new ArrayList<>(List.of(Long.toString(snapshot.day().toEpochDay())));
          scopes.forEach(s -> args.add(Long.toString(floor(s.scope(), snapshot))));
          return QuotaScripts.STATUS.run(redis, ScopeKeys.keys(scopes, null), args)
              .recover(e -> Future.failedFuture(new QuotaUnavailableException("Redis", e)))
              .map(r -> StatusReader.read(r, scopes.stream().map(ScopeKeys.Ref::scope).toList(), limits));
        });
  }

  private static long floor(QuotaScope scope, QuotaSnapshot snapshot) {
    return switch (scope) {
      case USER -> snapshot.ownerTokensToday();
      case AGENT -> snapshot.agentTokensToday();
      case REMOTE_DOMAIN -> snapshot.domainTokensToday();
    };
  }
}

package io.aiox.policy.tool.approval;

import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pending approvals in Redis, one key per call. An entry outlives its expiry by a minute so that a late answer
 * still finds it and is told it came too late; the waiting call claims it at expiry in any case. Each owner's
 * waiting calls are also indexed (a sorted set of call ids scored by expiry), so the console can list them; the
 * index is only a list of candidates: the call's own key decides whether it still waits.
 */
public final class PendingApprovals {
  private static final Duration LINGER = Duration.ofMinutes(1);

  private final Redis redis;

  public PendingApprovals(Redis redis) {
    this.redis = redis;
  }

  static String key(String callId) {
    return "aiox:tool:approval:" + callId;
  }

  static String ownerIndex(OwnerId owner) {
    return "aiox:tool:approval:owner:" + owner;
  }

  /** Records the call as waiting, with what its owner is shown; false when an entry for this call id exists. */
  public Future<Boolean> open(WaitingCall waiting) {
    PendingApproval p = waiting.call();
    long ttl = Math.max(1, Duration.between(Instant.now(), p.expiresAt()).plus(LINGER).toMillis());
    return redis.send(Request.cmd(Command.SET).arg(key(p.callId())).arg(waiting.toJson().encode()).arg("PX")
        .arg(ttl).arg("NX")).compose(r -> r == null ? Future.succeededFuture(false)
        : redis.send(Request.cmd(Command.ZADD).arg(ownerIndex(p.owner())).arg(p.expiresAt().toEpochMilli())
            .arg(p.callId())).map(true));
  }

  /**
   * The owner's calls that still wait and have not expired, soonest expiry first. Index entries of calls that
   * expired are dropped here; those of decided calls were dropped by {@link #claim}.
   */
  public Future<List<WaitingCall>> waiting(OwnerId owner) {
    String index = ownerIndex(owner);
    long now = Instant.now().toEpochMilli();
    return redis.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(index).arg("-inf").arg(now))
        .compose(r -> redis.send(Request.cmd(Command.ZRANGE).arg(index).arg(0).arg(-1)))
        .compose(ids -> {
          if (ids == null || ids.size() == 0) {
            return Future.succeededFuture(List.<WaitingCall>of());
          }
          Request get = Request.cmd(Command.MGET);
          ids.forEach(id -> get.arg(key(id.toString())));
          return redis.send(get).map(values -> {
            List<WaitingCall> calls = new ArrayList<>();
            values.forEach(v -> {
              if (v != null) {
                WaitingCall call = WaitingCall.fromJson(new JsonObject(v.toString()));
                if (call.call().owner().equals(owner)) {
                  calls.add(call);
                }
              }
            });
            return calls;
          });
        });
  }

  /** The waiting call, without deciding it. */
  public Future<Optional<PendingApproval>> peek(String callId) {
    return redis.send(Request.cmd(Command.GET).arg(key(callId))).map(PendingApprovals::parse);
  }

  /** Takes the decision: the entry if this caller removed it, empty when someone decided first (or none). */
  public Future<Optional<PendingApproval>> claim(String callId) {
    return redis.send(Request.cmd(Command.GETDEL).arg(key(callId))).map(PendingApprovals::parse)
        .compose(claimed -> claimed.isEmpty() ? Future.succeededFuture(claimed)
            : redis.send(Request.cmd(Command.ZREM).arg(ownerIndex(claimed.get().owner())).arg(callId))
                .map(claimed).otherwise(claimed));
  }

  private static Optional<PendingApproval> parse(Response r) {
    return r == null ? Optional.empty() : Optional.of(PendingApproval.fromJson(new JsonObject(r.toString())));
  }
}

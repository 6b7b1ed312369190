package io.aiox.policy.tool.approval;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pending approvals in Redis, one key per call. An entry outlives its expiry by a minute so that a late answer
 * still finds it and is told it came too late; the waiting call claims it at expiry in any case.
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

  /** Records the call as waiting; false when an entry for this call id exists already. */
  public Future<Boolean> open(PendingApproval p) {
    long ttl = Math.max(1, Duration.between(Instant.now(), p.expiresAt()).plus(LINGER).toMillis());
    return redis.send(Request.cmd(Command.SET).arg(key(p.callId())).arg(p.toJson().encode()).arg("PX").arg(ttl)
        .arg("NX")).map(r -> r != null);
  }

  /** The waiting call, without deciding it. */
  public Future<Optional<PendingApproval>> peek(String callId) {
    return redis.send(Request.cmd(Command.GET).arg(key(callId))).map(PendingApprovals::parse);
  }

  /** Takes the decision: the entry if this caller removed it, empty when someone decided first (or none). */
  public Future<Optional<PendingApproval>> claim(String callId) {
    return redis.send(Request.cmd(Command.GETDEL).arg(key(callId))).map(PendingApprovals::parse);
  }

  private static Optional<PendingApproval> parse(Response r) {
    return r == null ? Optional.empty() : Optional.of(PendingApproval.fromJson(new JsonObject(r.toString())));
  }
}

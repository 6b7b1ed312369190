package io.aiox.component.xmpp;

import io.aiox.component.cluster.LoneInstances;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.logging.Logger;

/**
 * The hub instances serving one agents domain, as a Redis sorted set of instance ids scored by their last heartbeat:
 * a stopping instance leaves its agents available while others are live, and one that is not on a clustered bus
 * says it runs beside others it cannot reach ({@link LoneInstances}).
 */
final class ComponentInstances {
  private static final Logger LOG = Logger.getLogger(ComponentInstances.class.getName());

  private final Redis redis;
  private final String domain;
  private final String instanceId;
  private final long liveWithinMs;

  /** {@code liveWithinMs}: how recent a heartbeat must be for its instance to count as live. */
  ComponentInstances(Redis redis, String domain, String instanceId, long liveWithinMs) {
    this.redis = redis;
    this.domain = domain;
    this.instanceId = instanceId;
    this.liveWithinMs = liveWithinMs;
  }

  /** The check for instances of the domain that do not share this one's bus. */
  LoneInstances lone() {
    return new LoneInstances(redis, liveKey(), instanceId, domain, liveWithinMs);
  }

  /** Records this instance as serving the domain. */
  void heartbeat() {
    redis.send(Request.cmd(Command.ZADD).arg(liveKey()).arg(System.currentTimeMillis()).arg(instanceId))
        .onFailure(e -> LOG.fine(() -> "heartbeat not recorded: " + e));
  }

  /** Removes this instance and counts the others seen live; 0 when Redis does not answer. */
  Future<Integer> othersLive() {
    long since = System.currentTimeMillis() - liveWithinMs;
    return redis.send(Request.cmd(Command.ZREM).arg(liveKey()).arg(instanceId))
        .compose(r -> redis.send(Request.cmd(Command.ZCOUNT).arg(liveKey()).arg(since).arg("+inf")))
        .map(r -> r.toInteger())
        .recover(e -> Future.succeededFuture(0));
  }

  private String liveKey() {
    return "aiox:component:" + domain + ":live";
  }
}

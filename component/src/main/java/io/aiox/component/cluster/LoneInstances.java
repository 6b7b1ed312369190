package io.aiox.component.cluster;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.logging.Logger;

/**
 * Says loudly when this hub instance is not on a clustered bus while other instances serve the same agents domain
 * (the domain's instance registry in Redis names them). ejabberd hands each stanza of the domain to any of its
 * instances, and what one instance waits for — an agent's answer to its question, an owner's approval, a stop —
 * reaches another only over the clustered bus: without it, such answers wait out their timeout, approvals expire
 * (denied) and stops are not heard. The instance still starts (docs/scaling.md says why it is not refused); it logs
 * at SEVERE, with what to configure, when it first sees such instances and again whenever their number grows.
 */
public final class LoneInstances {
  private static final Logger LOG = Logger.getLogger(LoneInstances.class.getName());

  private final Redis redis;
  private final String key;
  private final String instanceId;
  private final String domain;
  private final long liveWithinMs;
  private int others;

  /**
   * {@code key}: the domain's registry (a sorted set of instance ids scored by their last heartbeat, in ms);
   * an instance counts as live when its heartbeat is younger than {@code liveWithinMs}.
   */
  public LoneInstances(Redis redis, String key, String instanceId, String domain, long liveWithinMs) {
    this.redis = redis;
    this.key = key;
    this.instanceId = instanceId;
    this.domain = domain;
    this.liveWithinMs = liveWithinMs;
  }

  /** Looks at the registry once; never fails (a Redis that does not answer is logged at FINE). */
  public Future<Integer> check() {
    long since = System.currentTimeMillis() - liveWithinMs;
    return redis.send(Request.cmd(Command.ZRANGE).arg(key).arg(since).arg("+inf").arg("BYSCORE")).map(this::seen)
        .recover(e -> {
          LOG.fine(() -> "could not read the instances of " + domain + ": " + e.getMessage());
          return Future.succeededFuture(others);
        });
  }

  private int seen(Response ids) {
    int now = 0;
    for (Response id : ids) {
      if (!instanceId.equals(id.toString())) {
        now++;
      }
    }
    if (now > others) {
      int n = now;
      LOG.severe(() -> n + " other instance(s) of the agents domain " + domain + " are live (heartbeat within "
          + liveWithinMs / 1_000 + " s) and this instance is not on a clustered event bus: an agent's answer, an"
          + " owner's approval or a stop that ejabberd hands to another instance never reaches this one (answers"
          + " time out, approvals expire, stops go unheard). Run every instance of the domain as one cluster:"
          + " \"cluster\": {\"enabled\": true, \"role\": \"both\" (or \"component\"), \"members\": [every"
          + " instance's host:port], \"host\": this instance's address} (docs/scaling.md), or run only one"
          + " instance. An instance that crashed less than " + liveWithinMs / 1_000 + " s ago also counts here.");
    } else if (now == 0 && others > 0) {
      LOG.info(() -> "no other instance of " + domain + " is live any more");
    }
    others = now;
    return now;
  }
}

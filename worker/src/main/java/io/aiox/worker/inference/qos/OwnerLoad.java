package io.aiox.worker.inference.qos;

import io.aiox.schema.id.OwnerId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many turns each owner has running now, across every model's queue of one inference verticle: the C of the
 * score. Queues count a turn when it starts running and uncount it when it ends; owners with none are forgotten.
 */
public final class OwnerLoad {
  private final ConcurrentHashMap<OwnerId, Integer> running = new ConcurrentHashMap<>();

  public int running(OwnerId owner) {
    return running.getOrDefault(owner, 0);
  }

  void started(OwnerId owner) {
    running.merge(owner, 1, Integer::sum);
  }

  void finished(OwnerId owner) {
    running.computeIfPresent(owner, (o, n) -> n <= 1 ? null : n - 1);
  }
}

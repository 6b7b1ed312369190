package io.aiox.worker.memory;

import io.aiox.schema.memory.AgentRef;
import io.aiox.schema.memory.MemoryRepository;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Removes the memories of agents deleted longer ago than the retention period. Agents are found across owners by
 * id only; each one's memories are then deleted in its owner's scope, a batch per transaction. Several hubs may
 * sweep at once: the deletes are idempotent.
 */
public final class RetentionJob {
  static final int AGENTS_PER_ROUND = 100;
  static final int ROWS_PER_BATCH = 10_000;

  private final MemoryRepository memories;
  private final Duration retention;
  private final Clock clock;

  public RetentionJob(MemoryRepository memories, Duration retention, Clock clock) {
    this.memories = memories;
    this.retention = retention;
    this.clock = clock;
  }

  /** One sweep; completes with the number of memories removed. */
  public Future<Long> sweep() {
    return round(clock.instant().minus(retention), 0L);
  }

  private Future<Long> round(Instant cutoff, long removed) {
    return memories.retentionDue(cutoff, AGENTS_PER_ROUND).compose(due -> due.isEmpty()
        ? Future.succeededFuture(removed)
        // a round that removed nothing would find the same agents again: stop rather than spin
        : purgeAll(due, 0, cutoff, removed).compose(total -> total == removed ? Future.succeededFuture(total)
            : round(cutoff, total)));
  }

  private Future<Long> purgeAll(List<AgentRef> due, int i, Instant cutoff, long removed) {
    if (i >= due.size()) {
      return Future.succeededFuture(removed);
    }
    return purge(due.get(i), cutoff, removed).compose(total -> purgeAll(due, i + 1, cutoff, total));
  }

  private Future<Long> purge(AgentRef agent, Instant cutoff, long removed) {
    return memories.purge(agent.owner(), agent.agent(), cutoff, ROWS_PER_BATCH).compose(n -> n < ROWS_PER_BATCH
        ? Future.succeededFuture(removed + n) : purge(agent, cutoff, removed + n));
  }
}

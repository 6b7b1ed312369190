package io.aiox.worker.inference;

import io.aiox.worker.inference.qos.QosQueue;
import io.aiox.worker.turn.WorkerLoad;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Publishes a worker node's {@link WorkerLoad} on the clustered bus: soon after its queues change (at most once per
 * {@link #RATE_MS}, so a busy worker sends at most twenty a second) and every {@link #PERIOD_MS} anyway, so that
 * a component's view is fresh and the entry of a worker that went silent expires there. Runs on the context it was
 * started on; {@link #changed()} may be called from any thread.
 */
final class LoadAnnouncer {
  /** The least time between two announcements made for a change. */
  static final long RATE_MS = 50;
  /** Announced this often when nothing changes. */
  static final long PERIOD_MS = 1_000;

  private final Vertx vertx;
  private final Context context;
  private final String node;
  private final Supplier<Map<String, QosQueue<?>>> queues;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long lastNanos;
  private long periodic = -1;

  private LoadAnnouncer(Vertx vertx, String node, Supplier<Map<String, QosQueue<?>>> queues) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.node = node;
    this.queues = queues;
  }

  /** Announces now and then as said above; on the caller's context. */
  static LoadAnnouncer start(Vertx vertx, String node, Supplier<Map<String, QosQueue<?>>> queues) {
    LoadAnnouncer announcer = new LoadAnnouncer(vertx, node, queues);
    announcer.publish();
    announcer.periodic = vertx.setPeriodic(PERIOD_MS, id -> announcer.publish());
    return announcer;
  }

  /** A queue changed: announce once the rate allows, folding the changes until then into one announcement. */
  void changed() {
    if (!pending.compareAndSet(false, true)) {
      return;
    }
    context.runOnContext(v -> {
      long waitMs = (lastNanos + RATE_MS * 1_000_000 - System.nanoTime()) / 1_000_000;
      if (waitMs <= 0) {
        publish();
      } else {
        vertx.setTimer(waitMs, id -> publish());
      }
    });
  }

  void stop() {
    vertx.cancelTimer(periodic);
  }

  private void publish() {
    pending.set(false);
    lastNanos = System.nanoTime();
    List<WorkerLoad.ModelLoad> models = new ArrayList<>();
    queues.get().forEach((name, q) -> models.add(new WorkerLoad.ModelLoad(name, Math.max(0, q.slots() - q.running()),
        q.waiting())));
    vertx.eventBus().publish(WorkerLoad.ADDRESS, new WorkerLoad(node, models));
  }
}

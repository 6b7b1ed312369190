package io.aiox.policy.timing;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each task added a fixed delay after it was added, unless it was cancelled first, from one timer per queue
 * rather than one per task. Every turn has a deadline or two that almost never fire (a quota check's timeout, the
 * moment a slow answer says {@code composing}); a Vert.x timer for each, set and cancelled thousands of times a
 * second, cost the hub more than the rest of its scheduling. Tasks are due in the order they were added, since the
 * delay is the same for all, so the queue only looks at its head: a timer runs every {@code tick} while tasks wait,
 * none while the queue is empty. A task runs between {@code delay} and {@code delay + tick} after it was added, on
 * the context that armed the timer. Thread-safe.
 */
public final class DueQueue {
  private static final Logger LOG = Logger.getLogger(DueQueue.class.getName());

  private final Vertx vertx;
  private final long delayNanos;
  private final long tickMs;
  private final ConcurrentLinkedQueue<Entry> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean armed = new AtomicBoolean();

  /** One waiting task; {@link #cancel} keeps it from running. */
  public static final class Entry {
    private final long due;
    private final Runnable task;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Entry(long due, Runnable task) {
      this.due = due;
      this.task = task;
    }

    /** The task will not run (it may have run already). */
    public void cancel() {
      open.set(false);
    }
  }

  public DueQueue(Vertx vertx, Duration delay, Duration tick) {
    if (delay.isNegative() || tick.toMillis() < 1) {
      throw new IllegalArgumentException("a due queue needs a delay >= 0 and a tick >= 1 ms");
    }
    this.vertx = vertx;
    this.delayNanos = delay.toNanos();
    this.tickMs = tick.toMillis();
  }

  /** {@code task} runs once the delay has passed, unless the entry is cancelled before. */
  public Entry add(Runnable task) {
    Entry entry = new Entry(System.nanoTime() + delayNanos, task);
    waiting.add(entry);
    arm();
    return entry;
  }

  private void arm() {
    if (armed.compareAndSet(false, true)) {
      vertx.setTimer(tickMs, t -> tick());
    }
  }

  private void tick() {
    long now = System.nanoTime();
    for (Entry e = waiting.peek(); e != null && (!e.open.get() || e.due - now <= 0); e = waiting.peek()) {
      waiting.poll();
      if (e.open.compareAndSet(true, false)) {
        run(e.task);
      }
    }
    armed.set(false);
    if (!waiting.isEmpty()) {
      arm();
    }
  }

  private static void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a due task failed", e);
    }
  }
}

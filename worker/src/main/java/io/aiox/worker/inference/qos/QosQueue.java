package io.aiox.worker.inference.qos;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The turns of one model: up to {@code slots} run, up to {@code limit} more wait, and beyond that a turn is refused
 * with a retry hint. When a slot frees, the waiting turn with the highest {@link QosWeights#score} runs next; C (the
 * owner's running turns) is read at that moment, so an owner whose turns just started ranks lower than one who
 * has none running. Equal scores go in arrival order, so equal inputs always give the same order. Pure: no I/O, no
 * threads of its own; {@code P} is whatever the caller wakes a waiting turn with. Thread-safe.
 */
public final class QosQueue<P> {
  /** How far a new sample moves the mean turn time: recent turns count most. */
  private static final double SMOOTHING = 0.2;
  private static final long SECOND = 1_000_000_000L;

  private final String model;
  private final int slots;
  private final int limit;
  private final QosWeights weights;
  private final OwnerLoad load;
  private final LongSupplier nanoClock;
  private final List<Ticket<P>> waiting = new ArrayList<>(); // in arrival order
  private final Set<Ticket<P>> running = new LinkedHashSet<>();
  private long arrivals;
  private double meanTurnNanos = -1;

  public QosQueue(String model, int slots, int limit, QosWeights weights, OwnerLoad load, LongSupplier nanoClock) {
    if (slots < 1 || limit < 0) {
      throw new IllegalArgumentException("slots must be at least 1 and the queue limit at least 0");
    }
    this.model = Objects.requireNonNull(model, "model");
    this.slots = slots;
    this.limit = limit;
    this.weights = Objects.requireNonNull(weights, "weights");
    this.load = Objects.requireNonNull(load, "load");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** What {@link #offer} decided for a turn. */
  public sealed interface Admission<P> permits Run, Wait, Refuse {}

  /** A slot was free: the turn runs now. */
  public record Run<P>(Ticket<P> ticket) implements Admission<P> {}

  /** The turn waits; its payload is handed back by {@link #finish} when it is picked. */
  public record Wait<P>(Ticket<P> ticket) implements Admission<P> {}

  /** The queue is full: {@code text} says so and carries "retry after N s". */
  public record Refuse<P>(long retryAfterSeconds, String text) implements Admission<P> {}

  public synchronized Admission<P> offer(TurnTraits traits, P payload) {
    Ticket<P> t = new Ticket<>(traits, arrivals++, payload);
    if (running.size() < slots) {
      start(t);
      return new Run<>(t);
    }
    if (waiting.size() < limit) {
      waiting.add(t);
      return new Wait<>(t);
    }
    long retry = retryAfterSeconds();
    return new Refuse<>(retry, "model " + model + " is busy: " + running.size() + " conversations run and "
        + waiting.size() + " wait; retry after " + retry + " s");
  }

  /** Ends a running turn and picks the next: the ticket to wake, if a turn was waiting. */
  public synchronized Optional<Ticket<P>> finish(Ticket<P> t) {
    if (!running.remove(t)) {
      throw new IllegalStateException("turn " + t.arrival + " is not running");
    }
    load.finished(t.traits.owner());
    long took = nanoClock.getAsLong() - t.startedAt;
    meanTurnNanos = meanTurnNanos < 0 ? took : meanTurnNanos + SMOOTHING * (took - meanTurnNanos);
    if (waiting.isEmpty()) {
      return Optional.empty();
    }
    Ticket<P> next = best();
    waiting.remove(next);
    start(next);
    return Optional.of(next);
  }

  /** Takes a waiting turn out (it was cancelled); false when it already runs or was never waiting. */
  public synchronized boolean withdraw(Ticket<P> t) {
    return waiting.remove(t);
  }

  public synchronized int running() {
    return running.size();
  }

  public synchronized int waiting() {
    return waiting.size();
  }

  /**
   * When a turn refused now may expect a slot: the waiting turns and itself take {@code ceil((waiting + 1) /
   * slots)} rounds of the mean turn time (a moving average of finished turns; before the first one finishes, the
   * longest a running turn has run so far); at least 1 s.
   */
  public synchronized long retryAfterSeconds() {
    double turn = meanTurnNanos >= 0 ? meanTurnNanos : longestRunning();
    long rounds = (waiting.size() + slots) / slots;
    return Math.max(1, (long) Math.ceil(rounds * turn / SECOND));
  }

  private double longestRunning() {
    long now = nanoClock.getAsLong();
    return running.stream().mapToLong(t -> now - t.startedAt).max().orElse(0);
  }

  private Ticket<P> best() {
    Ticket<P> best = null;
    double bestScore = 0;
    for (Ticket<P> t : waiting) {
      double s = weights.score(t.traits, load.running(t.traits.owner()));
      if (best == null || s > bestScore) { // strictly greater: on a tie the earlier arrival stays
        best = t;
        bestScore = s;
      }
    }
    return best;
  }

  private void start(Ticket<P> t) {
    t.startedAt = nanoClock.getAsLong();
    running.add(t);
    load.started(t.traits.owner());
  }

  /** One turn's place in the queue. Identity matters: two turns with equal traits are two tickets. */
  public static final class Ticket<P> {
    private final TurnTraits traits;
    private final long arrival;
    private final P payload;
    private long startedAt;

    private Ticket(TurnTraits traits, long arrival, P payload) {
      this.traits = Objects.requireNonNull(traits, "traits");
      this.arrival = arrival;
      this.payload = payload;
    }

    public TurnTraits traits() {
      return traits;
    }

    public P payload() {
      return payload;
    }
  }
}

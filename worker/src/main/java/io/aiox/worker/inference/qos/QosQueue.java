package io.aiox.worker.inference.qos;

import io.aiox.schema.id.OwnerId;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The turns of one model: up to {@code slots} run, and more wait while two bounds allow it: at most {@code limit},
 * and only as many as can still end within the model's deadline by the measured turn time ({@link TurnTime}).
 * Places are shared fairly between owners: an owner's fair share of the {@code slots + places} is in proportion
 * to its weight (the mean merit αR + βT + γP of its turns here). An owner holding its share gets no further place
 * while another owner's turn waits; and when the queue is full, a turn whose owner holds less than its share takes
 * the place of the newest waiting turn of the owner furthest beyond its share, which is refused with a retry hint.
 * When a slot frees, the waiting turn with the highest {@link QosWeights#score} runs next; C (the owner's running
 * turns) and F (how many more turns the owner has started here than the least served owner waiting) are read at
 * that moment, so a burst from one owner cannot starve the others. Equal scores go in arrival order, so equal
 * inputs always give the same order. Each operation costs O(log n + owners). Pure: no I/O, no threads of its own;
 * {@code P} is whatever the caller wakes or refuses a waiting turn with. Thread-safe.
 */
public final class QosQueue<P> {
  private final String model;
  private final int slots;
  private final int limit;
  private final QosWeights weights;
  private final OwnerLoad load;
  private final LongSupplier nanoClock;
  private final TurnTime time;
  private final Map<OwnerId, OwnerTurns<P>> owners = new HashMap<>();
  private final Set<Ticket<P>> running = new HashSet<>();
  private int waiting;
  private long arrivals;

  /** {@code deadline}: how long a turn may take from admission to its end (the model's {@code timeout_seconds}). */
  public QosQueue(String model, int slots, int limit, Duration deadline, QosWeights weights, OwnerLoad load,
                  LongSupplier nanoClock) {
    if (slots < 1 || limit < 0) {
      throw new IllegalArgumentException("slots must be at least 1 and the queue limit at least 0");
    }
    this.model = Objects.requireNonNull(model, "model");
    this.slots = slots;
    this.limit = limit;
    this.time = new TurnTime(slots, deadline.toNanos());
    this.weights = Objects.requireNonNull(weights, "weights");
    this.load = Objects.requireNonNull(load, "load");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** What {@link #offer} decided for a turn. */
  public sealed interface Admission<P> permits Run, Wait, Displace, Refuse {}

  /** A slot was free: the turn runs now. */
  public record Run<P>(Ticket<P> ticket) implements Admission<P> {}

  /** The turn waits; its payload is handed back by {@link #finish} when it is picked. */
  public record Wait<P>(Ticket<P> ticket) implements Admission<P> {}

  /** The turn waits in the place of {@code displaced}, another owner's waiting turn, now refused with {@code refusal}. */
  public record Displace<P>(Ticket<P> ticket, Ticket<P> displaced, Refuse<P> refusal) implements Admission<P> {}

  /** No place for the turn: {@code text} says why and ends with "retry after N s". */
  public record Refuse<P>(long retryAfterSeconds, String text) implements Admission<P> {}

  public synchronized Admission<P> offer(TurnTraits traits, P payload) {
    Ticket<P> t = new Ticket<>(traits, weights.merit(traits), arrivals++, payload);
    if (running.size() < slots) {
      start(t);
      return new Run<>(t);
    }
    double turn = time.turnNanos(longestRunning());
    int places = time.places(limit, turn);
    Shares shares = shares(t, slots + places);
    OwnerTurns<P> mine = owners.get(traits.owner());
    int held = mine == null ? 0 : mine.held();
    long share = shares.of(mine == null ? Math.max(OwnerTurns.MIN_WEIGHT, t.merit) : mine.weight());
    if (waiting < places) {
      return held + 1 > share && waiting > (mine == null ? 0 : mine.waiting())
          ? refuse(held + 1 - share, turn, "; your turns hold " + held + " of its " + shares.capacity
              + " places, your fair share while others wait is " + share)
          : enqueue(t);
    }
    OwnerTurns<P> beyond = places > 0 && held + 1 <= share ? furthestBeyondShare(traits.owner(), shares) : null;
    return beyond != null ? displace(t, beyond, shares, turn)
        : refuse(waiting - places + 1, turn, places < limit ? " and turns take about " + time.seconds(turn)
            + " s: one queued now would not end within the model's " + time.deadlineSeconds() + " s" : "");
  }

  /** Ends a running turn and picks the next: the ticket to wake, if a turn was waiting. */
  public synchronized Optional<Ticket<P>> finish(Ticket<P> t) {
    if (!running.remove(t)) {
      throw new IllegalStateException("turn " + t.arrival + " is not running");
    }
    load.finished(t.traits.owner());
    OwnerTurns<P> owner = owners.get(t.traits.owner());
    owner.finishes(t);
    forgetIfIdle(t.traits.owner(), owner);
    time.held(nanoClock.getAsLong() - t.startedAt);
    if (waiting == 0) {
      return Optional.empty();
    }
    Ticket<P> next = pick();
    waiting--;
    start(next);
    return Optional.of(next);
  }

  /** Takes a waiting turn out (it was cancelled); false when it already runs or is no longer waiting. */
  public synchronized boolean withdraw(Ticket<P> t) {
    OwnerTurns<P> owner = owners.get(t.traits.owner());
    if (owner == null || !owner.leaves(t)) {
      return false;
    }
    waiting--;
    forgetIfIdle(t.traits.owner(), owner);
    return true;
  }

  /** How many turns run at once. */
  public int slots() {
    return slots;
  }

  public synchronized int running() {
    return running.size();
  }

  public synchronized int waiting() {
    return waiting;
  }

  private Refuse<P> refuse(long turns, double turn, String why) {
    long retry = time.retryAfterSeconds(turns, turn);
    return new Refuse<>(retry, "model " + model + " is busy: " + running.size() + " conversations run and "
        + waiting + " wait" + why + "; retry after " + retry + " s");
  }

  private Displace<P> displace(Ticket<P> t, OwnerTurns<P> beyond, Shares shares, double turn) {
    long share = shares.of(beyond.weight());
    long retry = time.retryAfterSeconds(beyond.held() - share, turn);
    String text = "model " + model + " is busy: this waiting turn gave its place to another owner's (your turns held "
        + beyond.held() + " of its " + shares.capacity + " places, your fair share is " + share + "); retry after "
        + retry + " s";
    Ticket<P> displaced = beyond.newestWaiting();
    beyond.leaves(displaced);
    waiting--;
    forgetIfIdle(displaced.traits.owner(), beyond);
    enqueue(t);
    return new Displace<>(t, displaced, new Refuse<>(retry, text));
  }

  /** The owner (not {@code newcomer}) with a waiting turn that holds the most places beyond its share, if any. */
  private OwnerTurns<P> furthestBeyondShare(OwnerId newcomer, Shares shares) {
    OwnerTurns<P> furthest = null;
    long most = 0;
    for (Map.Entry<OwnerId, OwnerTurns<P>> e : owners.entrySet()) {
      OwnerTurns<P> o = e.getValue();
      long beyond = o.held() - shares.of(o.weight());
      if (e.getKey().equals(newcomer) || o.waiting() == 0 || beyond <= 0) {
        continue;
      }
      if (furthest == null || beyond > most
          || beyond == most && o.newestWaiting().arrival > furthest.newestWaiting().arrival) {
        furthest = o;
        most = beyond;
      }
    }
    return furthest;
  }

  /** The owners' weights with {@code newcomer}'s owner counted, over {@code capacity} places. */
  private Shares shares(Ticket<P> newcomer, int capacity) {
    double total = owners.containsKey(newcomer.traits.owner()) ? 0 : Math.max(OwnerTurns.MIN_WEIGHT, newcomer.merit);
    for (OwnerTurns<P> o : owners.values()) {
      total += o.weight();
    }
    return new Shares(capacity, total);
  }

  /** Fair shares: an owner of weight w gets {@code floor(capacity × w / total)} places. */
  private record Shares(int capacity, double total) {
    long of(double weight) {
      return (long) Math.floor(capacity * weight / total + 1e-9); // equal weights must give whole shares
    }
  }

  /** Each owner's best waiting turn competes; the owner's C and F are the same for all its turns. */
  private Ticket<P> pick() {
    long least = Long.MAX_VALUE;
    for (OwnerTurns<P> o : owners.values()) {
      least = o.waiting() > 0 ? Math.min(least, o.served()) : least;
    }
    Ticket<P> best = null;
    double bestScore = 0;
    for (OwnerTurns<P> o : owners.values()) {
      if (o.waiting() == 0) {
        continue;
      }
      Ticket<P> t = o.bestWaiting();
      double s = weights.score(t.traits, load.running(t.traits.owner()), o.served() - least);
      if (best == null || s > bestScore || s == bestScore && t.arrival < best.arrival) {
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
    turnsOf(t.traits.owner()).starts(t);
  }

  private Wait<P> enqueue(Ticket<P> t) {
    turnsOf(t.traits.owner()).waits(t);
    waiting++;
    return new Wait<>(t);
  }

  private OwnerTurns<P> turnsOf(OwnerId owner) {
    OwnerTurns<P> turns = owners.get(owner);
    if (turns == null) {
      long least = owners.values().stream().mapToLong(OwnerTurns::servedBefore).min().orElse(0);
      turns = new OwnerTurns<>(least);
      owners.put(owner, turns);
    }
    return turns;
  }

  private void forgetIfIdle(OwnerId owner, OwnerTurns<P> turns) {
    if (turns.held() == 0) {
      owners.remove(owner);
    }
  }

  private long longestRunning() {
    long now = nanoClock.getAsLong();
    return running.stream().mapToLong(t -> now - t.startedAt).max().orElse(0);
  }

  /** One turn's place in the queue. Identity matters: two turns with equal traits are two tickets. */
  public static final class Ticket<P> {
    final TurnTraits traits;
    final double merit;
    final long arrival;
    private final P payload;
    private long startedAt;

    private Ticket(TurnTraits traits, double merit, long arrival, P payload) {
      this.traits = Objects.requireNonNull(traits, "traits");
      this.merit = merit;
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

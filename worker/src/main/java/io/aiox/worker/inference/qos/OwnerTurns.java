package io.aiox.worker.inference.qos;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.TreeSet;

/**
 * One owner's turns in one model's queue, for fair shares: how many run and wait here, its waiting turns both by
 * merit (its best is its candidate when a slot frees: the owner's C and F are the same for all of them) and by
 * arrival (its newest is the one that gives way when another owner needs a place), how many turns it has started
 * here ({@code served}, for F) and the sum of its turns' merits (its weight is their mean). Kept only while the
 * owner holds a turn here. O(log n) per change. Not thread-safe: the queue calls it under its own lock.
 */
final class OwnerTurns<P> {
  /** An owner's weight is never below this, so a share is never zero or negative whatever the weights. */
  static final double MIN_WEIGHT = 0.1;

  private final Comparator<QosQueue.Ticket<P>> byMerit = Comparator.<QosQueue.Ticket<P>>comparingDouble(t -> -t.merit)
      .thenComparingLong(t -> t.arrival);
  private final TreeSet<QosQueue.Ticket<P>> best = new TreeSet<>(byMerit);
  private final LinkedHashSet<QosQueue.Ticket<P>> arrived = new LinkedHashSet<>();
  private int running;
  private long served;
  private double meritSum;

  /**
   * {@code served} starts level with the owner here that has started the fewest turns before the ones it runs now
   * ({@link #servedBefore}): an owner cannot bank turns by being away, and one whose turns run now is ahead.
   */
  OwnerTurns(long served) {
    this.served = served;
  }

  long servedBefore() {
    return served - running;
  }

  int held() {
    return running + arrived.size();
  }

  int waiting() {
    return arrived.size();
  }

  long served() {
    return served;
  }

  double weight() {
    return Math.max(MIN_WEIGHT, meritSum / held());
  }

  void waits(QosQueue.Ticket<P> t) {
    best.add(t);
    arrived.add(t);
    meritSum += t.merit;
  }

  /** Takes a waiting turn out without running it (withdrawn or displaced); false when it was not waiting. */
  boolean leaves(QosQueue.Ticket<P> t) {
    if (!arrived.remove(t)) {
      return false;
    }
    best.remove(t);
    meritSum -= t.merit;
    return true;
  }

  /** A turn of this owner takes a slot: one that waited here, or a newcomer that found a slot free. */
  void starts(QosQueue.Ticket<P> t) {
    if (arrived.remove(t)) {
      best.remove(t);
    } else {
      meritSum += t.merit;
    }
    running++;
    served++;
  }

  void finishes(QosQueue.Ticket<P> t) {
    running--;
    meritSum -= t.merit;
  }

  QosQueue.Ticket<P> bestWaiting() {
    return best.first();
  }

  QosQueue.Ticket<P> newestWaiting() {
    return arrived.getLast();
  }
}

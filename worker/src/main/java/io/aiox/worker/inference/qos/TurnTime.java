package io.aiox.worker.inference.qos;

/**
 * How long a turn holds a slot of one model, measured, and what that means for a turn that would have to wait:
 * the queue admits a waiting turn only when it can still finish within the model's deadline, and tells a refused
 * one when the queue ahead will have drained. The estimate is a moving average of finished turns' slot times; until
 * the first finishes it is half the deadline (so before anything is measured one round of turns may wait per
 * slot); and never less than the longest a running turn has run so far, so a model that slows down is seen before
 * its slow turns finish. Not thread-safe: the queue calls it under its own lock.
 */
final class TurnTime {
  /** How far a new sample moves the mean turn time: recent turns count most. */
  private static final double SMOOTHING = 0.2;
  private static final double SECOND = 1e9;

  private final int slots;
  private final long deadlineNanos;
  private double meanNanos = -1;

  TurnTime(int slots, long deadlineNanos) {
    if (deadlineNanos <= 0) {
      throw new IllegalArgumentException("the turn deadline must be positive");
    }
    this.slots = slots;
    this.deadlineNanos = deadlineNanos;
  }

  void held(long nanos) {
    meanNanos = meanNanos < 0 ? nanos : meanNanos + SMOOTHING * (nanos - meanNanos);
  }

  /** The time a turn is expected to hold a slot, given the longest a running turn has held one so far. */
  double turnNanos(long longestRunning) {
    return Math.max(meanNanos < 0 ? deadlineNanos / 2.0 : meanNanos, longestRunning);
  }

  /**
   * How many turns may wait, at most {@code limit}: the one at place p starts after {@code ceil(p / slots)} rounds
   * of {@code turn} (the running turns may have just started) and must end within the deadline, so p may be at most
   * {@code slots × (floor(deadline / turn) − 1)}.
   */
  int places(int limit, double turn) {
    if (turn <= 0) {
      return limit;
    }
    double rounds = Math.floor(deadlineNanos / turn) - 1;
    return rounds <= 0 ? 0 : (int) Math.min(limit, slots * rounds);
  }

  /** When {@code turns} more turns will have started: {@code ceil(turns / slots)} rounds of a turn, at least 1 s. */
  long retryAfterSeconds(long turns, double turn) {
    long rounds = (Math.max(1, turns) + slots - 1) / slots;
    return Math.max(1, (long) Math.ceil(rounds * turn / SECOND));
  }

  long seconds(double nanos) {
    return Math.round(nanos / SECOND);
  }

  long deadlineSeconds() {
    return Math.round(deadlineNanos / SECOND);
  }
}

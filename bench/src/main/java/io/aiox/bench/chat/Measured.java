package io.aiox.bench.chat;

import org.HdrHistogram.Histogram;

/**
 * One measured window: its length, the round-trip latencies in microseconds, and what did not come back.
 *
 * @param offeredRate round trips per second asked for (open loop), or NaN (closed loop: as fast as answered)
 * @param errors error stanzas received instead of an answer
 * @param unanswered messages still without an answer after the drain that follows the window
 * @param skipped open loop only: sends left out because too many were already waiting (the target fell behind)
 */
record Measured(double seconds, Histogram micros, long errors, long unanswered, long skipped, double offeredRate) {
  long replies() {
    return micros.getTotalCount();
  }

  double throughput() {
    return replies() / seconds;
  }

  double p50Millis() {
    return micros.getValueAtPercentile(50) / 1e3;
  }

  double p99Millis() {
    return micros.getValueAtPercentile(99) / 1e3;
  }
}

package io.aiox.bench.inference;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The clock of one request: started when made, marked at each streamed piece, read when the answer arrives. */
final class Timing {
  private final long start = System.nanoTime();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();
  private final AtomicInteger pieces = new AtomicInteger();

  void piece() {
    long now = System.nanoTime();
    first.compareAndSet(0, now);
    last.set(now);
    pieces.incrementAndGet();
  }

  Sample done(int completionTokens, int promptTokens) {
    long end = System.nanoTime();
    long firstAt = first.get() == 0 ? end : first.get();
    long lastAt = last.get() == 0 ? end : last.get();
    return new Sample(firstAt - start, lastAt - start, end - start, completionTokens, promptTokens, pieces.get());
  }
}

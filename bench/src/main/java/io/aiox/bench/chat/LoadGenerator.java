package io.aiox.bench.chat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives chat messages from logged-in senders and times each round trip, from the send (or, at a fixed rate, from
 * when the send was due, so a late generator does not hide queueing) to the reply carrying the same stamp. Two
 * modes, each a warm-up then a measured window bounded in time and in round trips:
 * <ul>
 *   <li>{@link #saturate}: closed loop, each sender keeps a fixed number of messages in flight;</li>
 *   <li>{@link #atRate}: open loop, messages leave at a set rate whatever the answers do.</li>
 * </ul>
 * Each sender's state lives on its connection's event loop; only the counters and the recorder are shared.
 */
final class LoadGenerator {
  /** Who sender {@code sender} writes to with its {@code n}-th message. */
  @FunctionalInterface
  interface Addressing {
    String to(int sender, long n);
  }

  /** Called right before and right after the measured window (CPU snapshots). */
  interface Window {
    void started();

    void ended();
  }

  private static final Duration DRAIN = Duration.ofSeconds(10);
  /**
   * Open loop: sends beyond this many unanswered ones per sender are skipped and counted, so that a target that
   * cannot keep up with the rate falls behind by a bounded backlog, which it works off in the drain (otherwise an
   * overloaded hub would still be answering an earlier window's messages during the next one).
   */
  private static final long MAX_OUTSTANDING_PER_SENDER = 8;
  private static final long MIN_MAX_OUTSTANDING = 200;
  private static final String STAMP = "bench ";

  private final Vertx vertx;
  /** Held for the generator's life: an unreachable NetClient is shut down with its connections. */
  private final NetClient net;
  private final List<Sender> senders = new ArrayList<>();
  private final Recorder recorder = new Recorder(3);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile Addressing addressing = (s, n) -> null;
  private volatile boolean running;
  private volatile boolean closedLoop;
  /** Counts phases, so that a pacer of an earlier phase that has not seen it end yet stops instead of joining in. */
  private volatile int phase;

  private LoadGenerator(Vertx vertx, NetClient net, List<ChatClient> clients) {
    this.vertx = vertx;
    this.net = net;
    for (int i = 0; i < clients.size(); i++) {
      Sender s = new Sender(i, clients.get(i));
      senders.add(s);
      s.client.onMessage(m -> onMessage(s, m));
    }
  }

  /** Logs in {@code count} senders ({@link BenchUsers#sender}); blocks until all are in. */
  static LoadGenerator login(Vertx vertx, Endpoint xmpp, int count) {
    NetClient net = Logins.netClient(vertx);
    return new LoadGenerator(vertx, net, Logins.all(vertx, net, xmpp, count, BenchUsers::sender, i -> "load"));
  }

  int senders() {
    return senders.size();
  }

  /** Closes every sender's connection. */
  void close() {
    net.close().await();
  }

  /** Senders whose stream the server closed (none in a healthy run). */
  long dropped() {
    return senders.stream().filter(s -> !s.client.isOpen()).count();
  }

  /** Closed loop with the first {@code active} senders, {@code inFlight} messages each. */
  Measured saturate(int active, int inFlight, Addressing to, Duration warmup, Duration measure, long maxRoundTrips,
                    Window window) {
    begin(to, true);
    for (Sender s : senders.subList(0, active)) {
      s.client.context().runOnContext(v -> {
        for (int i = 0; i < inFlight; i++) {
          send(s, System.nanoTime());
        }
      });
    }
    return measure(warmup, measure, maxRoundTrips, window, Double.NaN);
  }

  /** Open loop: {@code rate} messages per second spread over the first {@code active} senders. */
  Measured atRate(int active, double rate, Addressing to, Duration warmup, Duration measure, long maxRoundTrips,
                  Window window) {
    begin(to, false);
    long start = System.nanoTime();
    Map<Context, List<Sender>> byLoop = new LinkedHashMap<>();
    senders.subList(0, active).forEach(s -> byLoop.computeIfAbsent(s.client.context(), c -> new ArrayList<>()).add(s));
    long limit = outstanding() + Math.max(MIN_MAX_OUTSTANDING, MAX_OUTSTANDING_PER_SENDER * active);
    byLoop.forEach((context, group) -> context.runOnContext(v -> pace(group, rate * group.size() / active, start,
        limit)));
    return measure(warmup, measure, maxRoundTrips, window, rate);
  }

  /** Every millisecond, sends what is due since {@code start} at {@code rate}, round robin over the group. */
  private void pace(List<Sender> group, double rate, long start, long maxOutstanding) {
    long[] issued = {0};
    int mine = phase;
    vertx.setPeriodic(1, id -> {
      if (!running || phase != mine) {
        vertx.cancelTimer(id);
        return;
      }
      // message k is due at start + k / rate: the first at once, none a period late
      long due = (long) ((System.nanoTime() - start) * rate / 1e9) + 1;
      for (; issued[0] < due; issued[0]++) {
        long scheduled = start + (long) (issued[0] * 1e9 / rate);
        if (outstanding() >= maxOutstanding) {
          skipped.incrementAndGet();
        } else {
          send(group.get((int) (issued[0] % group.size())), scheduled);
        }
      }
    });
  }

  private void begin(Addressing to, boolean closed) {
    phase++;
    addressing = to;
    closedLoop = closed;
    running = true;
  }

  private Measured measure(Duration warmup, Duration measure, long maxRoundTrips, Window window, double rate) {
    long outstandingBefore = outstanding();
    sleep(warmup.toMillis());
    recorder.getIntervalHistogram(); // drops the warm-up's latencies
    long e0 = errors.get();
    long s0 = skipped.get();
    window.started();
    long t0 = System.nanoTime();
    long end = t0 + measure.toNanos();
    Histogram h = new Histogram(3);
    while (System.nanoTime() < end && h.getTotalCount() < maxRoundTrips) {
      sleep(50);
      h.add(recorder.getIntervalHistogram());
    }
    h.add(recorder.getIntervalHistogram());
    long t1 = System.nanoTime();
    window.ended();
    long e1 = errors.get();
    long s1 = skipped.get();
    running = false;
    long drainEnd = System.nanoTime() + DRAIN.toNanos();
    while (outstanding() > outstandingBefore && System.nanoTime() < drainEnd) {
      sleep(20);
    }
    recorder.getIntervalHistogram(); // the drain's latencies are not part of the window
    return new Measured((t1 - t0) / 1e9, h, e1 - e0, Math.max(0, outstanding() - outstandingBefore), s1 - s0, rate);
  }

  private long outstanding() {
    return sent.get() - answered.get() - errors.get();
  }

  private void send(Sender s, long stampNanos) {
    long n = s.next++;
    String to = addressing.to(s.index, n);
    sent.incrementAndGet();
    s.inFlight.addLast(stampNanos);
    s.client.send("<message to='" + to + "' type='chat' id='" + s.index + "-" + n + "'><body>" + STAMP + stampNanos
        + "</body></message>");
  }

  /**
   * On the sender's event loop: an answer (its stamp gives the latency), an error, or a chat state (ignored). An
   * answer written by a model carries no stamp: it answers the sender's oldest unanswered message (each sender's
   * messages go to one agent conversation, answered in order).
   */
  private void onMessage(Sender s, String message) {
    if ("error".equals(Stanza.attribute(message, "type"))) {
      errors.incrementAndGet();
      s.inFlight.pollFirst();
      done(s);
      return;
    }
    String body = Stanza.body(message);
    if (body == null) {
      return; // composing/active alone, a receipt: not the answer
    }
    int at = body.lastIndexOf(STAMP);
    Long stamp;
    if (at >= 0) {
      stamp = Long.parseLong(body, at + STAMP.length(), body.length(), 10);
      s.inFlight.removeFirstOccurrence(stamp);
    } else {
      stamp = s.inFlight.pollFirst();
      if (stamp == null) {
        return; // nothing of ours is waiting: not an answer
      }
    }
    recorder.recordValue(Math.max(1, (System.nanoTime() - stamp) / 1_000));
    answered.incrementAndGet();
    done(s);
  }

  private void done(Sender s) {
    if (running && closedLoop) {
      send(s, System.nanoTime());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** One sender's counters; touched only on its connection's event loop. */
  private static final class Sender {
    final int index;
    final ChatClient client;
    long next;
    /** Send stamps of the messages not yet answered, oldest first. */
    final java.util.ArrayDeque<Long> inFlight = new java.util.ArrayDeque<>();

    Sender(int index, ChatClient client) {
      this.index = index;
      this.client = client;
    }
  }
}

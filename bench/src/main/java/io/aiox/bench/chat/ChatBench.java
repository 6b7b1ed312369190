package io.aiox.bench.chat;

import io.aiox.bench.Machine;
import io.aiox.bench.chat.ChatOptions.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/run-chat}: starts every target once (each in its own JVM) and warms it up under load, so the JIT has
 * compiled the hub's paths before anything is measured. Then, per scenario (agents x senders), the echo
 * component's saturation sets the fixed rate at which latency is measured, and each repetition measures every
 * target in turn, rotating the order so that drift on a shared machine falls on all of them: warm-up, saturation
 * (closed loop), then the fixed rate (open loop). The echo component and the Whack one serve the same domain of
 * the baselines' ejabberd, so only the one being loaded is connected. Prints Markdown and writes it to
 * {@code --results}.
 */
public final class ChatBench {
  private static final Duration CALIBRATION = Duration.ofSeconds(2);
  private static final Duration BASELINE_JIT_WARMUP = Duration.ofSeconds(5);
  private static final Duration MIN_RATE_WARMUP = Duration.ofMillis(500);
  private static final String LINK_LOST = "component stream lost";
  private static final LoadGenerator.Window NO_PROBE = new LoadGenerator.Window() {
    @Override
    public void started() { }

    @Override
    public void ended() { }
  };

  private ChatBench() {}

  public static void main(String[] argv) {
    ChatOptions options;
    try {
      options = ChatOptions.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("chat bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    int code = 1;
    long start = System.nanoTime();
    String loadBefore = Machine.loadAverage();
    clearLogs();
    try (ChatStack stack = ChatStack.start(options)) {
      ChatResults results = new ChatResults();
      List<String> notes = new ArrayList<>();
      run(stack, options, results, notes, start + options.budget().toNanos());
      String report = ChatReport.render(options, results, notes, (System.nanoTime() - start) / 1e9, loadBefore,
          Machine.loadAverage());
      System.out.println(report);
      Path file = options.results().toAbsolutePath();
      Files.createDirectories(file.getParent());
      Files.writeString(file, report);
      code = 0;
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
    } finally {
      System.exit(code); // the shutdown hooks stop the servers
    }
  }

  private static void run(ChatStack stack, ChatOptions o, ChatResults results, List<String> notes, long deadline) {
    Map<TargetKind, TargetProcess> targets = new EnumMap<>(TargetKind.class);
    try {
      Set<TargetKind> needed = new LinkedHashSet<>(o.targets());
      needed.add(TargetKind.ECHO_COMPONENT); // it sets the rate for latency
      for (TargetKind kind : needed) {
        targets.put(kind, TargetProcess.start(kind, stack.settings(kind, o.maxEchoClients()), logDir(), kind.key()));
      }
      Scenario first = o.scenarios().get(0);
      for (TargetKind kind : needed) {
        takeTurn(targets, kind);
        // The baselines are a few classes; the hub is most of a server's code and needs the time.
        Duration jit = kind == TargetKind.AIOX || o.jitWarmup().compareTo(BASELINE_JIT_WARMUP) < 0 ? o.jitWarmup()
            : BASELINE_JIT_WARMUP;
        Measured m = stack.generator(kind).saturate(first.senders(), first.inFlight(), addressing(stack, first, kind),
            jit, Duration.ofSeconds(1), o.maxRoundTrips(), NO_PROBE);
        ChatStack.log("warmed up the %s for %.0f s (%,.0f round trips/s at the end)", kind.label(),
            jit.toMillis() / 1e3, m.throughput());
      }
      for (Scenario s : o.scenarios()) {
        if (!scenario(stack, o, s, targets, results, notes, deadline)) {
          break;
        }
      }
    } finally {
      targets.values().forEach(TargetProcess::close);
    }
  }

  /** Returns false when the time budget ran out. */
  private static boolean scenario(ChatStack stack, ChatOptions o, Scenario s, Map<TargetKind, TargetProcess> targets,
                                  ChatResults results, List<String> notes, long deadline) {
    if (System.nanoTime() > deadline) {
      notes.add("the time budget ran out before scenario " + s + "; it was left out");
      return false;
    }
    TargetKind echo = TargetKind.ECHO_COMPONENT;
    takeTurn(targets, echo);
    Measured calibration = stack.generator(echo).saturate(s.senders(), s.inFlight(), addressing(stack, s, echo),
        o.warmup(), CALIBRATION, o.maxRoundTrips(), NO_PROBE);
    double rate = Math.max(1, calibration.throughput() * o.rateFraction());
    results.scenario(s, rate);
    ChatStack.log("==> %s: the echo component saturates at %,.0f round trips/s; latency at %,.0f/s", s,
        calibration.throughput(), rate);
    for (int rep = 0; rep < o.reps(); rep++) {
      for (TargetKind kind : rotated(o.targets(), rep)) {
        if (System.nanoTime() > deadline) {
          notes.add(String.format(Locale.ROOT, "the time budget (%d s) ran out in scenario %s at repetition %d; "
              + "what followed was left out", o.budget().toSeconds(), s, rep));
          return false;
        }
        takeTurn(targets, kind);
        ChatResults.Row row = measure(stack, o, s, kind, targets.get(kind), rep, rate, notes);
        results.add(row);
        keepLogsOnLoss(stack, row, notes);
      }
    }
    return true;
  }

  private static ChatResults.Row measure(ChatStack stack, ChatOptions o, Scenario s, TargetKind kind,
                                         TargetProcess target, int rep, double rate, List<String> notes) {
    LoadGenerator generator = stack.generator(kind);
    LoadGenerator.Addressing to = addressing(stack, s, kind);
    long linkLost = target.logLines(LINK_LOST);
    CpuWindow saturated = new CpuWindow(target.pid(), stack.ejabberdPid(kind));
    Measured sat = generator.saturate(s.senders(), s.inFlight(), to, o.warmup(), o.window(), o.maxRoundTrips(),
        saturated);
    Duration rateWarmup = o.warmup().dividedBy(2).compareTo(MIN_RATE_WARMUP) < 0 ? MIN_RATE_WARMUP
        : o.warmup().dividedBy(2);
    // Its own rate first: the common rate may be more than a target can take, and it should not start behind.
    Measured own = kind == TargetKind.ECHO_COMPONENT ? null : generator.atRate(s.senders(),
        Math.max(1, sat.throughput() * o.rateFraction()), to, rateWarmup, o.window(), o.maxRoundTrips(), NO_PROBE);
    CpuWindow paced = new CpuWindow(target.pid(), stack.ejabberdPid(kind));
    Measured at = generator.atRate(s.senders(), rate, to, rateWarmup, o.window(), o.maxRoundTrips(), paced);
    own = own == null ? at : own;
    ChatResults.Row row = new ChatResults.Row(s, kind, rep, sat, saturated.cpu(), at, paced.cpu(), own);
    ChatStack.log("%s rep %d %-28s %,8.0f rt/s (p50 %.2f ms)  at %,.0f/s: p50 %.2f p99 %.2f ms  at %,.0f/s: p50 %.2f"
        + " p99 %.2f ms  target %.0f µs/rt  ejabberd %.0f µs/rt  errors %d unanswered %d skipped %d", s, rep,
        kind.label(), sat.throughput(), sat.p50Millis(), at.throughput(), at.p50Millis(), at.p99Millis(),
        own.offeredRate(), own.p50Millis(), own.p99Millis(), row.cpuPerTurn(CpuMeter.Group.TARGET),
        row.cpuPerTurn(CpuMeter.Group.EJABBERD), sat.errors() + at.errors() + own.errors(),
        sat.unanswered() + at.unanswered() + own.unanswered(), at.skipped() + own.skipped());
    long lost = target.logLines(LINK_LOST) - linkLost;
    if (lost > 0) {
      notes.add(String.format(Locale.ROOT, "the hub's component stream dropped %d time(s) during %s, rep %d (see "
          + "%s); those figures include the reconnection", lost, s, rep, logDir().resolve(kind.key() + ".log")));
    }
    return row;
  }

  /**
   * Before load goes to {@code kind}: if it is one of the components that share the baseline ejabberd's agents
   * domain, the others disconnect (their JVMs stay warm) and it connects, so that it alone answers.
   */
  static void takeTurn(Map<TargetKind, TargetProcess> targets, TargetKind kind) {
    if (!kind.takesTurnsOnBaselineDomain()) {
      return;
    }
    targets.forEach((k, t) -> {
      if (k != kind && k.takesTurnsOnBaselineDomain()) {
        t.disconnect();
      }
    });
    targets.get(kind).connect();
  }

  /** Lost messages or dropped senders: the servers' logs stay for reading, and the report says where. */
  private static void keepLogsOnLoss(ChatStack stack, ChatResults.Row row, List<String> notes) {
    long lost = row.saturation().unanswered() + row.atRate().unanswered() + row.atOwnRate().unanswered();
    long dropped = stack.generator(row.kind()).dropped();
    if ((lost > 0 || dropped > 0) && notes.stream().noneMatch(n -> n.startsWith("messages went unanswered"))) {
      stack.servers.keepLogs();
      notes.add(String.format(Locale.ROOT, "messages went unanswered (first in %s, %s, rep %d: %d; senders dropped "
          + "by the server: %d); the servers' logs are kept in %s", row.scenario(), row.kind().label(), row.rep(),
          lost, dropped, stack.servers.dir()));
    }
  }

  /** Agents for the hub and the echo components (which answer any JID of their domain), echoing peers for c2c. */
  private static LoadGenerator.Addressing addressing(ChatStack stack, Scenario s, TargetKind kind) {
    if (kind == TargetKind.CLIENTS) {
      String domain = stack.baselineXmpp.domain();
      return (sender, n) -> BenchUsers.echoJid(spread(sender, n, s.echoClients()), domain);
    }
    return (sender, n) -> stack.agentJids.get(spread(sender, n, s.agents()));
  }

  /** Sender {@code sender}'s {@code n}-th message goes to this one of {@code count} addressees. */
  private static int spread(int sender, long n, int count) {
    return (int) ((sender * 7_919L + n) % count);
  }

  private static List<TargetKind> rotated(List<TargetKind> targets, int rep) {
    List<TargetKind> order = new ArrayList<>(targets);
    Collections.rotate(order, -rep);
    return order;
  }

  private static void clearLogs() {
    try (var files = Files.list(logDir())) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      // no folder yet
    }
  }

  private static Path logDir() {
    return Path.of("bench/target/chat-bench");
  }
}

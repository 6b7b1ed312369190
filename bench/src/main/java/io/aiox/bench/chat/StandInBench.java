package io.aiox.bench.chat;

import io.aiox.bench.Machine;
import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.migration.Migrator;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/run-standin}: each component against {@link StandInServer}, with no ejabberd in between, so what is
 * measured is the component's own ceiling and its own CPU per message. Targets: the AIOX hub (its turns answered by
 * {@link ZeroCostModel}, quota checks against the testkit's PostgreSQL and Redis as in production), the bare
 * echo component and the echo component on Whack, each in its own JVM, started once and warmed up, then measured in turn (the order rotating per
 * repetition): a warm-up, then a window at saturation with a fixed number of messages in flight.
 */
public final class StandInBench {
  private static final String DOMAIN = "hub.test";
  private static final String HUB_COMPONENT = "agents." + DOMAIN;
  private static final String ECHO_COMPONENT = "echo." + DOMAIN;
  private static final String WHACK_COMPONENT = "whack." + DOMAIN;
  private static final long DRAIN_SECONDS = 15;

  private StandInBench() {}

  record Options(int agents, int senders, int inFlight, List<TargetKind> targets, int reps, int jitWarmup,
                 int warmup, int seconds, Path results, String command) {
    static Options parse(String[] argv) {
      Map<String, String> a = new LinkedHashMap<>(Map.of("--agents", "1000", "--senders", "1000", "--in-flight",
          "1000", "--targets", "echo,aiox,whack", "--reps", "3", "--jit-warmup", "60", "--warmup", "2", "--seconds", "5",
          "--results", "bench/target/standin-results.md"));
      for (int i = 0; i < argv.length; i += 2) {
        if (!a.containsKey(argv[i]) || i + 1 >= argv.length) {
          throw new IllegalArgumentException("unknown option or missing value: " + argv[i] + " (options: "
              + a.keySet() + ")");
        }
        a.put(argv[i], argv[i + 1]);
      }
      List<TargetKind> targets = Arrays.stream(a.get("--targets").split(",")).map(TargetKind::of).toList();
      if (targets.contains(TargetKind.CLIENTS)) {
        throw new IllegalArgumentException("c2c needs a real server; the stand-in serves components only");
      }
      return new Options(positive(a, "--agents"), positive(a, "--senders"), positive(a, "--in-flight"), targets,
          positive(a, "--reps"), positive(a, "--jit-warmup"), positive(a, "--warmup"), positive(a, "--seconds"),
          Path.of(a.get("--results")), ("bench/run-standin " + String.join(" ", argv)).strip());
    }

    private static int positive(Map<String, String> a, String key) {
      int v = Integer.parseInt(a.get(key));
      if (v < 1) {
        throw new IllegalArgumentException(key + " must be at least 1");
      }
      return v;
    }
  }

  /** One measured window of one target. */
  record Window(TargetKind kind, int rep, double perSecond, double targetCpuMicros, double standInCpuMicros,
                double storesCpuMicros, double p50Ms, double p99Ms, long errors, double machineBusy) {}

  public static void main(String[] argv) {
    Options o;
    try {
      o = Options.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("stand-in bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    String loadBefore = Machine.loadAverage();
    String secret = UUID.randomUUID().toString();
    List<TargetProcess> processes = new ArrayList<>();
    int code = 1;
    try (TestServers servers = new TestServers()) {
      CompletableFuture.allOf(CompletableFuture.runAsync(servers::postgres), CompletableFuture.runAsync(servers::redis))
          .join();
      DatabaseConfig db = ChatStack.database(servers.postgres());
      Migrator.migrate(db);
      Vertx vertx = Vertx.vertx();
      List<String> locals = ChatStack.createAgents(vertx, db, DOMAIN, HUB_COMPONENT, o.agents(), 1).stream()
          .map(jid -> jid.substring(0, jid.indexOf('@'))).toList();
      ChatStack.log("created %d public agents", locals.size());
      StandInServer standIn = StandInServer.listen(vertx, secret, DOMAIN);
      Map<TargetKind, StandInServer.Link> links = new LinkedHashMap<>();
      Path work = Path.of("bench/target/standin-bench");
      for (TargetKind kind : o.targets()) {
        TargetProcess p = TargetProcess.start(kind, settings(kind, standIn.port(), secret, db,
            servers.redis().uri()), work, kind.key());
        processes.add(p);
        StandInServer.Link link = standIn.await(domain(kind), 60);
        links.put(kind, link);
        link.drive(locals, o.senders(), o.inFlight());
        sleepSeconds(o.jitWarmup());
        long left = link.stop(DRAIN_SECONDS);
        ChatStack.log("warmed up the %s for %d s (%d answers, %d unanswered at the end)", kind.label(), o.jitWarmup(),
            link.counts().answered(), left);
      }
      List<Window> windows = new ArrayList<>();
      for (int rep = 0; rep < o.reps(); rep++) {
        for (int t = 0; t < processes.size(); t++) {
          TargetProcess p = processes.get((t + rep) % processes.size());
          Window w = measure(o, rep, p, links.get(p.kind()), locals);
          windows.add(w);
          ChatStack.log("rep %d %-28s %,10.0f /s  target %6.1f µs  stand-in %5.1f µs  stores %6.1f µs  p50 %.2f p99"
              + " %.2f ms  errors %d", rep, p.kind().label(), w.perSecond(), w.targetCpuMicros(),
              w.standInCpuMicros(), w.storesCpuMicros(), w.p50Ms(), w.p99Ms(), w.errors());
        }
      }
      String report = render(o, windows, (System.nanoTime() - start) / 1e9, loadBefore, Machine.loadAverage());
      System.out.println(report);
      Files.createDirectories(o.results().toAbsolutePath().getParent());
      Files.writeString(o.results(), report);
      processes.forEach(TargetProcess::close);
      processes.clear();
      standIn.close();
      vertx.close().await();
      code = 0;
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
    } finally {
      processes.forEach(TargetProcess::close);
    }
    System.exit(code);
  }

  private static String domain(TargetKind kind) {
    return switch (kind) {
      case AIOX -> HUB_COMPONENT;
      case WHACK -> WHACK_COMPONENT;
      default -> ECHO_COMPONENT;
    };
  }

  private static JsonObject settings(TargetKind kind, int port, String secret, DatabaseConfig db, String redisUri) {
    return switch (kind) {
      case AIOX -> new JsonObject().put("hub", ChatStack.hubConfig(new JsonObject().put("domain", DOMAIN)
          .put("host", "127.0.0.1").put("componentPort", port).put("componentSecret", secret), db, redisUri));
      default -> new JsonObject().put("host", "127.0.0.1").put("componentPort", port).put("domain", DOMAIN)
          .put("componentDomain", domain(kind)).put("componentSecret", secret);
    };
  }

  private static Window measure(Options o, int rep, TargetProcess p, StandInServer.Link link, List<String> locals) {
    link.drive(locals, o.senders(), o.inFlight());
    sleepSeconds(o.warmup());
    link.latencies();
    StandInServer.Counts c0 = link.counts();
    CpuMeter.Snapshot cpu0 = CpuMeter.take(p.pid(), -1);
    long t0 = System.nanoTime();
    sleepSeconds(o.seconds());
    StandInServer.Counts c1 = link.counts();
    CpuMeter.Snapshot cpu1 = CpuMeter.take(p.pid(), -1);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Histogram h = link.latencies();
    long left = link.stop(DRAIN_SECONDS);
    if (left > 0 || link.closed()) {
      ChatStack.log("the %s left %d messages unanswered%s", p.kind().label(), left,
          link.closed() ? " and closed its stream" : "");
    }
    long answers = c1.answered() - c0.answered();
    Map<CpuMeter.Group, Long> used = cpu1.since(cpu0);
    double perAnswer = answers == 0 ? Double.NaN : 1e-3 / answers;
    return new Window(p.kind(), rep, answers / seconds, used.get(CpuMeter.Group.TARGET) * perAnswer,
        used.get(CpuMeter.Group.GENERATOR) * perAnswer, used.get(CpuMeter.Group.STORES) * perAnswer,
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, c1.errors() - c0.errors(),
        cpu1.machineBusy(cpu0));
  }

  private static String render(Options o, List<Window> windows, double seconds, String loadBefore,
                               String loadAfter) {
    StringBuilder s = new StringBuilder("## Components against a stand-in XMPP server (no ejabberd)\n\n");
    s.append(String.format(Locale.ROOT, "Measured %s on %s, %d cores, JDK %s. Command `%s`; %d agents, %d senders,"
            + " %d messages in flight; %d repetition(s) of %d s after %d s of warm-up (each target warmed up for %d"
            + " s first); whole run %.0f s; load average %s before, %s after.%n%n",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), Machine.cpuModel(),
        Runtime.getRuntime().availableProcessors(), Runtime.version(), o.command(), o.agents(), o.senders(),
        o.inFlight(), o.reps(), o.seconds(), o.warmup(), o.jitWarmup(), seconds, loadBefore, loadAfter));
    s.append("Medians over the repetitions, (min-max) beside them. CPU in µs per answered message.\n\n");
    s.append("| target | messages/s | / echo component | / Whack echo | target CPU µs | stand-in CPU µs | PostgreSQL+Redis CPU µs"
        + " | p50 / p99 ms | errors | machine busy |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (TargetKind kind : o.targets()) {
      List<Window> mine = windows.stream().filter(w -> w.kind() == kind).toList();
      s.append("| ").append(kind.label())
          .append(" | ").append(spread(mine.stream().map(Window::perSecond).toList(), "%,.0f"))
          .append(" | ").append(ratio(windows, mine, TargetKind.ECHO_COMPONENT))
          .append(" | ").append(ratio(windows, mine, TargetKind.WHACK))
          .append(" | ").append(spread(mine.stream().map(Window::targetCpuMicros).toList(), "%.1f"))
          .append(" | ").append(spread(mine.stream().map(Window::standInCpuMicros).toList(), "%.1f"))
          .append(" | ").append(spread(mine.stream().map(Window::storesCpuMicros).toList(), "%.1f"))
          .append(" | ").append(spread(mine.stream().map(Window::p50Ms).toList(), "%.2f")).append(" / ")
          .append(spread(mine.stream().map(Window::p99Ms).toList(), "%.2f"))
          .append(" | ").append(mine.stream().mapToLong(Window::errors).sum())
          .append(" | ").append(spread(mine.stream().map(w -> w.machineBusy() * 100).toList(), "%.0f")).append(" %")
          .append(" |\n");
    }
    return s.toString();
  }

  /** {@code mine}'s throughput over {@code base}'s in the same repetition; "-" when {@code base} was not run. */
  private static String ratio(List<Window> all, List<Window> mine, TargetKind base) {
    Map<Integer, Double> byRep = new LinkedHashMap<>();
    all.stream().filter(w -> w.kind() == base).forEach(w -> byRep.put(w.rep(), w.perSecond()));
    List<Double> ratios = mine.stream().filter(w -> byRep.containsKey(w.rep()))
        .map(w -> w.perSecond() / byRep.get(w.rep())).toList();
    return ratios.isEmpty() ? "-" : spread(ratios, "%.3f");
  }

  /** Median, and (min-max) when there is more than one value: as the chat report writes them. */
  private static String spread(List<Double> values, String format) {
    return ChatReport.format(ChatResults.Spread.of(values.stream().mapToDouble(Double::doubleValue).toArray()),
        format);
  }

  private static void sleepSeconds(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.aiox.bench.chat;

import io.aiox.bench.Machine;
import io.aiox.bench.chat.ChatOptions.Scenario;
import io.aiox.bench.chat.ChatResults.Row;
import io.aiox.bench.chat.ChatResults.Spread;
import io.aiox.bench.chat.CpuMeter.Group;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown the run prints: settings, results by target, ratios against the echo component and against the Whack
 * one, every repetition.
 */
final class ChatReport {
  /** The targets for the hub against the echo component. */
  static final double MIN_THROUGHPUT_RATIO = 0.9;
  static final double MAX_P50_EXTRA_MS = 0.5;
  static final double MAX_P99_RATIO = 1.2;
  /** The target for the hub against the echo component on Whack. */
  static final double MIN_THROUGHPUT_RATIO_TO_WHACK = 1.2;

  private ChatReport() {}

  static String render(ChatOptions o, ChatResults results, List<String> notes, double seconds, String loadBefore,
                       String loadAfter) {
    StringBuilder md = new StringBuilder("## Chat round trips: AIOX hub against an echo component, a Whack echo "
        + "component and client to client\n\n");
    md.append(machine()).append(String.format(Locale.ROOT, "Command `%s`; %d repetition(s); %d agent(s) per owner; "
        + "a scenario is agents, senders x messages in flight per sender at saturation. Each target runs in its own "
        + "JVM, started once and loaded for %.0f s before anything is measured; the hub has an ejabberd to itself, "
        + "the baselines share a second one (same version and configuration), where the two echo components take "
        + "turns on the agents domain (the one not measured is disconnected). Warm-up %.1f s and window %.1f s per "
        + "measurement; latency at %.0f %% of the echo component's saturation (measured first in each scenario); "
        + "whole run %.0f s; load average (1, 5, 15 min) %s before, %s after.%n%n", o.commandLine().strip(), o.reps(),
        o.agentsPerOwner(), o.jitWarmup().toMillis() / 1e3, o.warmup().toMillis() / 1e3,
        o.window().toMillis() / 1e3, o.rateFraction() * 100, seconds, loadBefore, loadAfter));
    o.model().ifPresent(m -> md.append("**The AIOX hub's turns are answered by the model `").append(m.getFileName())
        .append("` on llama.cpp (the hub's own inference verticle, 2 slots, 2 threads), not by the zero-cost"
            + " fixture; its row keeps the fixture's label.**\n\n"));
    notes.forEach(n -> md.append("**Note:** ").append(n).append("\n\n"));
    md.append(byTarget(results)).append('\n').append(ratios(results)).append('\n').append(againstWhack(results))
        .append('\n').append(everyRep(results));
    return md.toString();
  }

  private static String byTarget(ChatResults r) {
    StringBuilder md = new StringBuilder("Medians over the repetitions, (min-max) beside them. *R*: the scenario's "
        + "common rate; *own*: the same fraction of the target's own saturation in that repetition (for the echo "
        + "component both are the same window). CPU in µs per round trip at saturation; *machine busy* counts every "
        + "process, other users' included.\n\n"
        + "| scenario | target | round trips/s at saturation | R /s | p50 ms at R | p99 ms at R | own rate /s "
        + "| p50 ms at own | p99 ms at own | target CPU µs | ejabberd CPU µs | PostgreSQL+Redis CPU µs "
        + "| generator CPU µs | machine busy | errors / unanswered / skipped |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario s : r.scenarios()) {
      for (TargetKind k : TargetKind.values()) {
        List<Row> rows = r.of(s, k);
        if (rows.isEmpty()) {
          continue;
        }
        long errors = rows.stream().mapToLong(x -> x.saturation().errors() + x.atRate().errors()
            + (x.atOwnRate() == x.atRate() ? 0 : x.atOwnRate().errors())).sum();
        long unanswered = rows.stream().mapToLong(x -> x.saturation().unanswered() + x.atRate().unanswered()
            + (x.atOwnRate() == x.atRate() ? 0 : x.atOwnRate().unanswered())).sum();
        long skipped = rows.stream().mapToLong(x -> x.atRate().skipped()
            + (x.atOwnRate() == x.atRate() ? 0 : x.atOwnRate().skipped())).sum();
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s "
            + "| %d / %d / %d |%n", s, k.label(), cell(r, s, k, x -> x.saturation().throughput(), "%,.0f"), r.rate(s),
            cell(r, s, k, x -> x.atRate().p50Millis(), "%.2f"), cell(r, s, k, x -> x.atRate().p99Millis(), "%.2f"),
            cell(r, s, k, x -> x.atOwnRate().offeredRate(), "%,.0f"),
            cell(r, s, k, x -> x.atOwnRate().p50Millis(), "%.2f"),
            cell(r, s, k, x -> x.atOwnRate().p99Millis(), "%.2f"),
            cell(r, s, k, x -> x.cpuPerTurn(Group.TARGET), "%.0f"),
            cell(r, s, k, x -> x.cpuPerTurn(Group.EJABBERD), "%.0f"),
            cell(r, s, k, x -> x.cpuPerTurn(Group.STORES), "%.0f"),
            cell(r, s, k, x -> x.cpuPerTurn(Group.GENERATOR), "%.0f"),
            cell(r, s, k, x -> x.saturationCpu().machineBusy() * 100, "%.0f %%"), errors, unanswered, skipped));
      }
    }
    return md.toString();
  }

  private static String ratios(ChatResults r) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Against the echo component in the same "
        + "repetition (median, (min-max)). Targets for the hub: throughput >= %.1f x, p50 within %.1f ms, "
        + "p99 <= %.1f x (latency at the common rate R).%n%n| scenario | target | throughput / echo "
        + "| p50 - echo p50, ms | p99 / echo p99 | at own rate: p50 - echo p50, ms | at own rate: p99 / echo p99 "
        + "| target CPU per round trip / echo's | targets |%n|---|---|---|---|---|---|---|---|---|%n",
        MIN_THROUGHPUT_RATIO, MAX_P50_EXTRA_MS, MAX_P99_RATIO));
    for (Scenario s : r.scenarios()) {
      for (TargetKind k : List.of(TargetKind.AIOX, TargetKind.CLIENTS, TargetKind.WHACK)) {
        if (r.of(s, k).isEmpty() || r.of(s, TargetKind.ECHO_COMPONENT).isEmpty()) {
          continue;
        }
        Spread tput = r.against(s, k, TargetKind.ECHO_COMPONENT, x -> x.saturation().throughput(), false);
        Spread p50 = r.against(s, k, TargetKind.ECHO_COMPONENT, x -> x.atRate().p50Millis(), true);
        Spread p99 = r.against(s, k, TargetKind.ECHO_COMPONENT, x -> x.atRate().p99Millis(), false);
        Spread cpu = r.against(s, k, TargetKind.ECHO_COMPONENT, x -> x.cpuPerTurn(Group.TARGET), false);
        Spread ownP50 = r.against(s, k, TargetKind.ECHO_COMPONENT, x -> x.atOwnRate().p50Millis(), true);
        Spread ownP99 = r.against(s, k, TargetKind.ECHO_COMPONENT, x -> x.atOwnRate().p99Millis(), false);
        String verdict = k != TargetKind.AIOX ? "-" : String.join(", ",
            met("throughput", tput.median() >= MIN_THROUGHPUT_RATIO), met("p50", p50.median() <= MAX_P50_EXTRA_MS),
            met("p99", p99.median() <= MAX_P99_RATIO));
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", s, k.label(),
            format(tput, "%.2f"), format(p50, "%+.2f"), format(p99, "%.2f"), format(ownP50, "%+.2f"),
            format(ownP99, "%.2f"), format(cpu, "%.1f"), verdict));
      }
    }
    return md.toString();
  }

  private static String againstWhack(ChatResults r) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Against the Whack echo component in the same "
        + "repetition (median, (min-max)). Target for the hub: throughput >= %.1f x.%n%n| scenario | target "
        + "| throughput / Whack | p50 - Whack p50 at R, ms | p99 / Whack p99 at R | target CPU per round trip / "
        + "Whack's | targets |%n|---|---|---|---|---|---|---|%n", MIN_THROUGHPUT_RATIO_TO_WHACK));
    TargetKind whack = TargetKind.WHACK;
    for (Scenario s : r.scenarios()) {
      for (TargetKind k : List.of(TargetKind.AIOX, TargetKind.ECHO_COMPONENT)) {
        if (r.of(s, k).isEmpty() || r.of(s, whack).isEmpty()) {
          continue;
        }
        Spread tput = r.against(s, k, whack, x -> x.saturation().throughput(), false);
        Spread p50 = r.against(s, k, whack, x -> x.atRate().p50Millis(), true);
        Spread p99 = r.against(s, k, whack, x -> x.atRate().p99Millis(), false);
        Spread cpu = r.against(s, k, whack, x -> x.cpuPerTurn(Group.TARGET), false);
        String verdict = k != TargetKind.AIOX ? "-" : met("throughput",
            tput.median() >= MIN_THROUGHPUT_RATIO_TO_WHACK);
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", s, k.label(),
            format(tput, "%.2f"), format(p50, "%+.2f"), format(p99, "%.2f"), format(cpu, "%.1f"), verdict));
      }
    }
    return md.toString();
  }

  private static String everyRep(ChatResults r) {
    StringBuilder md = new StringBuilder("Every repetition (repetition 0 in the order of `--targets`; each further "
        + "one rotates it):\n\n| scenario | rep | target | round trips/s | closed loop p50 / p99 ms | at R: round "
        + "trips/s, p50 / p99 / max ms | at own rate: rate /s, p50 / p99 ms | target CPU µs | ejabberd CPU µs "
        + "| machine busy |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row x : r.rows()) {
      Measured sat = x.saturation();
      Measured at = x.atRate();
      Measured own = x.atOwnRate();
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %.2f / %.2f | %,.0f, %.2f / %.2f / %.2f "
          + "| %,.0f, %.2f / %.2f | %.0f | %.0f | %.0f %% |%n", x.scenario(), x.rep(), x.kind().label(),
          sat.throughput(), sat.p50Millis(), sat.p99Millis(), at.throughput(), at.p50Millis(), at.p99Millis(),
          at.micros().getMaxValue() / 1e3, own.offeredRate(), own.p50Millis(), own.p99Millis(),
          x.cpuPerTurn(Group.TARGET), x.cpuPerTurn(Group.EJABBERD), x.saturationCpu().machineBusy() * 100));
    }
    return md.toString();
  }

  private static String met(String what, boolean ok) {
    return what + (ok ? " met" : " NOT met");
  }

  private static String cell(ChatResults r, Scenario s, TargetKind k, ToDoubleFunction<Row> f, String format) {
    return format(r.spread(s, k, f), format);
  }

  static String format(Spread s, String format) {
    if (s.n() == 0) {
      return "-";
    }
    String median = String.format(Locale.ROOT, format, s.median());
    return s.n() == 1 ? median : median + " (" + String.format(Locale.ROOT, format, s.min()) + "-"
        + String.format(Locale.ROOT, format, s.max()) + ")";
  }

  private static String machine() {
    Runtime rt = Runtime.getRuntime();
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return String.format(Locale.ROOT, "Measured %s on %s, %d cores, %.0f GiB memory, %s %s, JDK %s, %s.%n",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), Machine.cpuModel(),
        rt.availableProcessors(), memory / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
        System.getProperty("os.arch"), System.getProperty("java.version"), ejabberdVersion());
  }

  private static String ejabberdVersion() {
    try (var dirs = Files.list(Path.of("/usr/lib/x86_64-linux-gnu"))) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ejabberd-")).findFirst()
          .map(n -> "ejabberd " + n.substring("ejabberd-".length())).orElse("ejabberd");
    } catch (IOException e) {
      return "ejabberd";
    }
  }

}

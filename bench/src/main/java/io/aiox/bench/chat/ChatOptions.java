package io.aiox.bench.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chat benchmark's settings. {@code --quick} is one small scenario, one repetition and short windows (about a
 * minute); the defaults are the full suite (about eight minutes on a busy 2-core machine).
 *
 * @param scenarios agents x senders, each run for every target
 * @param agentsPerOwner agents created per owner: the hub serializes a turn's quota bookkeeping on its owner's row
 * @param reps repetitions; each rotates which target goes first, so drift falls on all of them
 * @param jitWarmup load on each target once, after it starts, before anything is measured (the hub's JIT needs
 *     tens of seconds)
 * @param warmup load before each measured window (caches of the scenario's agents and senders)
 * @param budget wall time after which no further measurement starts (the report says what was left out)
 */
record ChatOptions(List<Scenario> scenarios, List<TargetKind> targets, int agentsPerOwner, int reps,
                   Duration jitWarmup, Duration warmup, Duration window, long maxRoundTrips, double rateFraction,
                   Duration budget, Path results, String commandLine, Optional<Path> model) {
  /** Echoing peers for client to client: one per agent up to this many (each holds a connection). */
  static final int MAX_ECHO_CLIENTS = 1_000;

  ChatOptions {
    scenarios = List.copyOf(scenarios);
    targets = List.copyOf(targets);
    if (scenarios.isEmpty() || targets.isEmpty() || agentsPerOwner < 1 || reps < 1 || window.isZero()
        || maxRoundTrips < 1 || !(rateFraction > 0 && rateFraction <= 1)) {
      throw new IllegalArgumentException("need scenarios, targets, agents-per-owner >= 1, reps >= 1, a window, "
          + "max-round-trips >= 1 and 0 < rate-fraction <= 1");
    }
  }

  /**
   * One load shape: how many agents the messages spread over, how many clients send them, and how many messages
   * each sender keeps in flight at saturation.
   */
  record Scenario(int agents, int senders, int inFlight) {
    Scenario {
      if (agents < 1 || senders < 1 || inFlight < 1) {
        throw new IllegalArgumentException("a scenario needs at least one agent, one sender and one message in "
            + "flight");
      }
    }

    /** {@code AGENTSxSENDERS} (with {@code defaultInFlight}) or {@code AGENTSxSENDERSxIN_FLIGHT}. */
    static Scenario parse(String text, int defaultInFlight) {
      String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException("a scenario is AGENTSxSENDERS[xIN_FLIGHT], for example 1000x100x4; was "
            + text);
      }
      return new Scenario(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          parts.length == 3 ? Integer.parseInt(parts[2]) : defaultInFlight);
    }

    int echoClients() {
      return Math.min(agents, MAX_ECHO_CLIENTS);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%,d agents, %,d senders x %d", agents, senders, inFlight);
    }
  }

  int maxAgents() {
    return scenarios.stream().mapToInt(Scenario::agents).max().orElseThrow();
  }

  int maxSenders() {
    return scenarios.stream().mapToInt(Scenario::senders).max().orElseThrow();
  }

  int maxEchoClients() {
    return scenarios.stream().mapToInt(Scenario::echoClients).max().orElseThrow();
  }

  static ChatOptions parse(String[] argv) {
    boolean quick = List.of(argv).contains("--quick");
    String scenarios = quick ? "10x100" : "10x10,1000x100,1000x1000x1";
    String targets = "echo,aiox,c2c,whack";
    int inFlight = 4;
    int agentsPerOwner = 1;
    int reps = quick ? 1 : 3;
    double jitWarmup = quick ? 6 : 25;
    double warmup = quick ? 1 : 2;
    double window = quick ? 2 : 3;
    long maxRoundTrips = 2_000_000;
    double rateFraction = 0.5;
    int budgetSeconds = quick ? 100 : 560;
    Path results = Path.of("bench/target/chat-results.md");
    Optional<Path> model = Optional.empty();
    for (int i = 0; i < argv.length; i++) {
      String key = argv[i];
      if (key.equals("--quick")) {
        continue;
      }
      if (i + 1 >= argv.length) {
        throw new IllegalArgumentException("option " + key + " needs a value");
      }
      String value = argv[++i];
      switch (key) {
        case "--scenarios" -> scenarios = value;
        case "--targets" -> targets = value;
        case "--in-flight" -> inFlight = Integer.parseInt(value);
        case "--agents-per-owner" -> agentsPerOwner = Integer.parseInt(value);
        case "--reps" -> reps = Integer.parseInt(value);
        case "--jit-warmup" -> jitWarmup = Double.parseDouble(value);
        case "--warmup" -> warmup = Double.parseDouble(value);
        case "--seconds" -> window = Double.parseDouble(value);
        case "--max-round-trips" -> maxRoundTrips = Long.parseLong(value);
        case "--rate-fraction" -> rateFraction = Double.parseDouble(value);
        case "--budget" -> budgetSeconds = Integer.parseInt(value);
        case "--results" -> results = Path.of(value);
        case "--model" -> model = Optional.of(Path.of(value).toAbsolutePath());
        default -> throw new IllegalArgumentException("unknown option " + key);
      }
    }
    List<Scenario> parsed = new ArrayList<>();
    for (String s : scenarios.split(",")) {
      parsed.add(Scenario.parse(s, inFlight));
    }
    List<TargetKind> kinds = new ArrayList<>();
    for (String t : targets.split(",")) {
      kinds.add(TargetKind.of(t.strip()));
    }
    return new ChatOptions(parsed, kinds, agentsPerOwner, reps, seconds(jitWarmup), seconds(warmup), seconds(window),
        maxRoundTrips, rateFraction, Duration.ofSeconds(budgetSeconds), results,
        "bench/run-chat " + String.join(" ", argv), model);
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}

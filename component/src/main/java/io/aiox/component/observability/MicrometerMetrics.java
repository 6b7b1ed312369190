package io.aiox.component.observability;

import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.TurnOutcome;
import io.aiox.worker.telemetry.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Metrics} facade over a Micrometer registry. Names follow Prometheus conventions once the registry's
 * naming applies ({@code aiox.turns} becomes {@code aiox_turns_total}, a timer {@code *_seconds}); every timer is
 * a histogram with the same fixed buckets, so p50/p99 come from {@code histogram_quantile} across hubs. The series
 * whose labels are closed sets exist from the start at zero, so a rate over them is defined before the first turn.
 */
final class MicrometerMetrics implements Metrics {
  /** Bucket bounds for every duration: from a Redis round trip to a long generation. */
  static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

  private final MeterRegistry registry;
  private final Map<TurnOutcome, Counter> turns = new EnumMap<>(TurnOutcome.class);
  private final Map<Violation, Counter> violations = new EnumMap<>(Violation.class);
  private final Counter promptTokens;
  private final Counter completionTokens;
  /**
   * The timers by their name and tag values, looked up once each: building a meter's id and finding it in the
   * registry costs more than recording into it, and every turn records three.
   */
  private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

  MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (TurnOutcome outcome : TurnOutcome.values()) {
      turns.put(outcome, Counter.builder("aiox.turns").description("Chat turns by how they ended")
          .tag("outcome", outcome.label()).register(registry));
    }
    for (Violation violation : Violation.values()) {
      violations.put(violation, Counter.builder("aiox.policy.violations")
          .description("Stanzas, turns and tool calls refused by policy").tag("violation_type", violation.label())
          .register(registry));
    }
    promptTokens = tokens("prompt");
    completionTokens = tokens("completion");
    latency("turn"); // the series a dashboard reads first exists before the first turn
  }

  private Counter tokens(String kind) {
    return Counter.builder("aiox.tokens.used").description("Tokens used by turns, as the models reported them")
        .tag("kind", kind).register(registry);
  }

  @Override
  public void turnEnded(TurnOutcome outcome, Duration took) {
    turns.get(outcome).increment();
    if (outcome == TurnOutcome.ANSWERED) {
      stage("turn", took); // refusals answer in microseconds and would hide the latency people wait for
    }
  }

  @Override
  public void tokensUsed(long prompt, long completion) {
    promptTokens.increment(prompt);
    completionTokens.increment(completion);
  }

  @Override
  public void policyViolation(Violation violation) {
    violations.get(violation).increment();
  }

  @Override
  public void quotaRefused(String scope, String limit) {
    Counter.builder("aiox.quota.refusals").description("Turns refused because a quota limit was spent")
        .tag("scope", scope).tag("limit", limit).register(registry).increment();
  }

  @Override
  public void inference(String model, String provider, String outcome, Duration took) {
    histogram("aiox.llm.inference.duration", "Time one model took to answer or fail a turn")
        .tag("model", model).tag("provider", provider).tag("outcome", outcome).register(registry).record(took);
  }

  @Override
  public void stage(String operation, Duration took) {
    latency(operation).record(took);
  }

  private Timer latency(String operation) {
    return timers.computeIfAbsent(List.of("aiox.latency", operation), k -> histogram("aiox.latency",
        "Latency of each stage of a turn, by operation").tag("operation", operation).register(registry));
  }

  @Override
  public void workerRequest(String method, String status, Duration took) {
    timers.computeIfAbsent(List.of("aiox.worker.request.duration", method, status), k -> histogram(
        "aiox.worker.request.duration", "Component to inference requests over the event bus")
        .tag("method", method).tag("status", status).register(registry)).record(took);
  }

  @Override
  public void toolCall(String tool, String outcome) {
    Counter.builder("aiox.tools.executed").description("Tool calls by tool and how they ended")
        .tag("tool_name", tool).tag("outcome", outcome).register(registry).increment();
  }

  private static Timer.Builder histogram(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS);
  }
}

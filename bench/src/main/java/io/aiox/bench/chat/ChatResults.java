package io.aiox.bench.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Every measured repetition, and the medians and spreads the report is made of. */
final class ChatResults {
  /**
   * One target in one repetition of one scenario: at saturation, at the scenario's fixed rate (the same for every
   * target), and at the same fraction of its own saturation (for the echo component, the fixed-rate window).
   */
  record Row(ChatOptions.Scenario scenario, TargetKind kind, int rep, Measured saturation, CpuWindow.Cpu saturationCpu,
             Measured atRate, CpuWindow.Cpu atRateCpu, Measured atOwnRate) {
    double cpuPerTurn(CpuMeter.Group group) {
      return saturationCpu.microsPer(group, saturation.replies());
    }
  }

  /** A median with the smallest and largest value it was taken from. */
  record Spread(double median, double min, double max, int n) {
    static Spread of(double[] values) {
      double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
      if (v.length == 0) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return new Spread(median, v[0], v[v.length - 1], v.length);
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final List<ChatOptions.Scenario> scenarios = new ArrayList<>();
  private final List<Double> rates = new ArrayList<>();

  void scenario(ChatOptions.Scenario scenario, double rate) {
    scenarios.add(scenario);
    rates.add(rate);
  }

  void add(Row row) {
    rows.add(row);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  List<ChatOptions.Scenario> scenarios() {
    return List.copyOf(scenarios);
  }

  double rate(ChatOptions.Scenario scenario) {
    return rates.get(scenarios.indexOf(scenario));
  }

  List<Row> of(ChatOptions.Scenario scenario, TargetKind kind) {
    return rows.stream().filter(r -> r.scenario().equals(scenario) && r.kind() == kind).toList();
  }

  Spread spread(ChatOptions.Scenario scenario, TargetKind kind, ToDoubleFunction<Row> f) {
    return Spread.of(of(scenario, kind).stream().mapToDouble(f).toArray());
  }

  /** {@code f} of the target against {@code f} of the baseline, repetition by repetition. */
  Spread against(ChatOptions.Scenario scenario, TargetKind kind, TargetKind baseline, ToDoubleFunction<Row> f,
                 boolean difference) {
    List<Double> values = new ArrayList<>();
    for (Row r : of(scenario, kind)) {
      Optional<Row> base = of(scenario, baseline).stream().filter(b -> b.rep() == r.rep()).findFirst();
      base.ifPresent(b -> values.add(difference ? f.applyAsDouble(r) - f.applyAsDouble(b)
          : f.applyAsDouble(r) / f.applyAsDouble(b)));
    }
    return Spread.of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}

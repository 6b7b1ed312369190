package io.aiox.bench.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/** The samples by concurrency level and path, and the Markdown tables made of them. */
final class Results {
  private final Map<String, Cell> cells = new LinkedHashMap<>();

  /** One concurrency level on one path: its requests and, per batch, the tokens of all over the batch's time. */
  private record Cell(int concurrency, String target, List<Sample> samples, List<Double> batchRates) {}

  void add(int concurrency, String target, List<Sample> batch, long wallNanos) {
    Cell cell = cells.computeIfAbsent(concurrency + "|" + target,
        k -> new Cell(concurrency, target, new ArrayList<>(), new ArrayList<>()));
    cell.samples().addAll(batch);
    int tokens = batch.stream().mapToInt(Sample::completionTokens).sum();
    cell.batchRates().add(tokens / (wallNanos / 1e9));
  }

  String table() {
    StringBuilder md = new StringBuilder();
    md.append("| conversations | path | requests | TTFT p50 ms | TTFT p90 ms | tok/s per request, median (p10-p90) "
        + "| decode tok/s, median | all conversations tok/s, median | completion tokens, mean | prompt tokens, mean |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Cell c : cells.values()) {
      Histogram ttft = new Histogram(3);
      c.samples().forEach(s -> ttft.recordValue(Math.max(1, s.ttftNanos() / 1_000)));
      double[] rates = sorted(c.samples(), Sample::tokensPerSecond);
      md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.1f | %.1f | %.1f (%.1f-%.1f) | %.1f | %.1f | %.1f | %.1f |%n",
          c.concurrency(), c.target(), c.samples().size(), ttft.getValueAtPercentile(50) / 1e3,
          ttft.getValueAtPercentile(90) / 1e3, percentile(rates, 50), percentile(rates, 10), percentile(rates, 90),
          percentile(sorted(c.samples(), Sample::decodeTokensPerSecond), 50),
          percentile(c.batchRates().stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50),
          mean(c.samples(), Sample::completionTokens), mean(c.samples(), Sample::promptTokens)));
    }
    return md.toString();
  }

  /** Verticle over direct, per concurrency level: above 1 for TTFT is slower, below 1 for tok/s is slower. */
  String ratios() {
    StringBuilder md = new StringBuilder("| conversations | TTFT p50 verticle/direct | tok/s per request verticle/direct "
        + "| all conversations tok/s verticle/direct |\n|---|---|---|---|\n");
    for (Cell direct : cells.values()) {
      Cell verticle = cells.get(direct.concurrency() + "|verticle");
      if (!direct.target().equals("direct") || verticle == null) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f |%n", direct.concurrency(),
          median(verticle.samples(), Sample::ttftNanos) / median(direct.samples(), Sample::ttftNanos),
          median(verticle.samples(), Sample::tokensPerSecond) / median(direct.samples(), Sample::tokensPerSecond),
          medianOf(verticle.batchRates()) / medianOf(direct.batchRates())));
    }
    return md.toString();
  }

  /** Streamed pieces against counted tokens, to show the TTFT signal is per token (pieces may merge UTF-8). */
  String pieceCheck() {
    StringBuilder out = new StringBuilder();
    for (Cell c : cells.values()) {
      long pieces = c.samples().stream().mapToLong(Sample::pieces).sum();
      long tokens = c.samples().stream().mapToLong(Sample::completionTokens).sum();
      out.append(String.format(Locale.ROOT, "%d conversation(s), %s: %d pieces streamed for %d tokens%n",
          c.concurrency(), c.target(), pieces, tokens));
    }
    return out.toString();
  }

  private static double[] sorted(List<Sample> samples, ToDoubleFunction<Sample> f) {
    return samples.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
  }

  private static double median(List<Sample> samples, ToDoubleFunction<Sample> f) {
    return percentile(sorted(samples, f), 50);
  }

  private static double medianOf(List<Double> values) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50);
  }

  /** Nearest rank on sorted values. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }

  private static double mean(List<Sample> samples, ToDoubleFunction<Sample> f) {
    return Arrays.stream(samples.stream().mapToDouble(f).toArray()).average().orElse(Double.NaN);
  }
}

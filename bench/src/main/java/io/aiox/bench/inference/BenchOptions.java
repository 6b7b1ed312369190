package io.aiox.bench.inference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's settings: the GGUF file, the fixed generation length, rounds per concurrency level, the
 * concurrency levels (conversations at once; the model's slots), llama.cpp threads, and a time budget that ends a
 * level early once it has at least {@link #MIN_ROUNDS} rounds.
 */
record BenchOptions(Path model, int maxTokens, int rounds, List<Integer> concurrency, int threads, int seconds,
                    int warmup, Path results) {
  static final int MIN_ROUNDS = 5;

  BenchOptions {
    concurrency = List.copyOf(concurrency);
    if (maxTokens < 1 || rounds < MIN_ROUNDS || concurrency.isEmpty() || threads < 1 || seconds < 1 || warmup < 0) {
      throw new IllegalArgumentException("need max-tokens >= 1, rounds >= " + MIN_ROUNDS
          + ", concurrency levels, threads >= 1, seconds >= 1, warmup >= 0");
    }
  }

  int slots() {
    return concurrency.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  static BenchOptions parse(String[] argv) {
    Path model = null;
    int maxTokens = 64;
    int rounds = 16;
    List<Integer> concurrency = List.of(1, 2);
    int threads = Runtime.getRuntime().availableProcessors();
    int seconds = 60;
    int warmup = 3;
    Path results = Path.of("bench/target/inference-results.md");
    for (int i = 0; i < argv.length; i += 2) {
      String key = argv[i];
      if (i + 1 >= argv.length) {
        throw new IllegalArgumentException("option " + key + " needs a value");
      }
      String value = argv[i + 1];
      switch (key) {
        case "--model" -> model = Path.of(value);
        case "--max-tokens" -> maxTokens = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--concurrency" -> concurrency = levels(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--results" -> results = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + key);
      }
    }
    if (model == null) {
      throw new IllegalArgumentException("--model FILE.gguf is required");
    }
    return new BenchOptions(model, maxTokens, rounds, concurrency, threads, seconds, warmup, results);
  }

  private static List<Integer> levels(String text) {
    List<Integer> levels = new ArrayList<>();
    for (String s : text.split(",")) {
      levels.add(Integer.parseInt(s.strip()));
    }
    return levels;
  }
}

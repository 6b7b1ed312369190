package io.aiox.bench.inference;

import io.aiox.bench.Machine;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code bench/run-inference}: in one JVM and one run, the same llama.cpp model answers through {@code
 * Engine.complete} and through the inference verticle, at each concurrency level, after a warm-up. Rounds alternate
 * which path goes first, so drift (heat, caches) falls on both. Prints Markdown and writes it to {@code --results}.
 */
public final class InferenceBench {
  private static final long REQUEST_TIMEOUT_MINUTES = 5;

  private InferenceBench() {}

  public static void main(String[] argv) throws IOException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("inference bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    int code = 1;
    long start = System.nanoTime();
    // llama.cpp logs every slot step; the report must stay readable. Warnings and errors still show.
    LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
      if (level == LogLevel.WARN || level == LogLevel.ERROR) {
        System.err.print(message);
      }
    });
    String loadBefore = Machine.loadAverage();
    try (BenchStack stack = BenchStack.start(options)) {
      String report = run(stack, options, start, loadBefore);
      System.out.println(report);
      Files.createDirectories(options.results().toAbsolutePath().getParent());
      Files.writeString(options.results(), report);
      code = 0;
    } finally {
      // llama.cpp's threads are not daemons: without an exit the JVM would stay.
      System.exit(code);
    }
  }

  private static String run(BenchStack stack, BenchOptions o, long start, String loadBefore) {
    Context context = stack.vertx.getOrCreateContext();
    Target direct = new DirectTarget(stack.engine, stack.systemPrompt(), stack.sampling);
    Target verticle = on(context, () -> VerticleTarget.register(stack.vertx, stack.agent)).await();
    for (int i = 0; i < o.warmup(); i++) {
      String text = "Warm-up " + i + ": hello.";
      for (Target t : List.of(direct, verticle)) {
        on(context, () -> t.ask(text)).await();
      }
    }
    Results results = new Results();
    for (int c : o.concurrency()) {
      System.err.println("==> " + c + " conversation(s) at once");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seconds());
      for (int r = 0; r < o.rounds() && (r < BenchOptions.MIN_ROUNDS || System.nanoTime() < deadline); r++) {
        for (Target t : r % 2 == 0 ? List.of(direct, verticle) : List.of(verticle, direct)) {
          batch(context, t, c, r, results);
        }
      }
    }
    return report(o, results, (System.nanoTime() - start) / 1e9, loadBefore, Machine.loadAverage());
  }

  /** {@code c} requests at once on one path; each prompt differs only in its label, and both paths get the same. */
  private static void batch(Context context, Target t, int c, int round, Results results) {
    long t0 = System.nanoTime();
    List<Future<Sample>> asks = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      String text = String.format(Locale.ROOT, "Request %s%d-%02d-%d: explain what XMPP is.",
          t.name().equals("direct") ? "D" : "V", c, round, i);
      asks.add(on(context, () -> t.ask(text)));
    }
    List<Sample> batch = Future.all(asks).await().list();
    results.add(c, t.name(), batch, System.nanoTime() - t0);
  }

  /** Runs {@code work} on the benchmark's context: requests, pieces and replies all meet on one event loop. */
  private static <T> Future<T> on(Context context, Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        work.get().onComplete(promise);
      } catch (RuntimeException | LinkageError e) {
        promise.tryFail(e); // else the benchmark would wait for ever
      }
    });
    return promise.future().timeout(REQUEST_TIMEOUT_MINUTES, TimeUnit.MINUTES);
  }

  private static String report(BenchOptions o, Results results, double seconds, String loadBefore,
                               String loadAfter) {
    return "## Inference: direct engine calls against turns through the verticle\n\n"
        + machine() + "\n"
        + String.format(Locale.ROOT, "Model file %s (%,d bytes); max_tokens %d, temperature 0 (greedy), %d llama.cpp "
            + "threads, %d slots; %d warm-up request(s) per path; wall time of the whole run %.0f s; load average "
            + "(1, 5, 15 min) %s before, %s after.%n%n", o.model().getFileName(), size(o.model()), o.maxTokens(),
            o.threads(), o.slots(), o.warmup(), seconds, loadBefore, loadAfter)
        + results.table() + "\n" + results.ratios() + "\n```\n" + results.pieceCheck() + "```\n";
  }

  private static String machine() {
    Runtime rt = Runtime.getRuntime();
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return String.format(Locale.ROOT, "Measured %s on %s, %d cores, %.0f GiB memory, %s %s, JDK %s.%n",
        LocalDate.now(), Machine.cpuModel(), rt.availableProcessors(), memory / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}

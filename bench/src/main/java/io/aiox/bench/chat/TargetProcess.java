package io.aiox.bench.chat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running {@link TargetMain}: the same JVM and class path as this one, its log in a file, stopped by closing its
 * standard input (then SIGTERM, then SIGKILL).
 */
final class TargetProcess implements AutoCloseable {
  private static final long READY_SECONDS = 120;
  static final String JVM_OPTS = "AIOX_BENCH_TARGET_JVM_OPTS";

  private final TargetKind kind;
  private final Process process;
  private final Path log;

  private TargetProcess(TargetKind kind, Process process, Path log) {
    this.kind = kind;
    this.process = process;
    this.log = log;
  }

  /** Starts the target; its log is {@code <workDir>/<name>.log}. */
  static TargetProcess start(TargetKind kind, JsonObject settings, Path workDir, String name) {
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve(name + ".log");
      Path file = workDir.resolve(kind.key() + "-settings.json");
      Files.writeString(file, settings.copy().put("target", kind.key()).encodePrettily());
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow"));
      // For profiling a target, e.g. AIOX_BENCH_TARGET_JVM_OPTS=-XX:StartFlightRecording=filename=hub.jfr
      String extra = System.getenv().getOrDefault(JVM_OPTS, "").strip();
      if (!extra.isEmpty()) {
        cmd.addAll(List.of(extra.split("\\s+")));
      }
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TargetMain.class.getName(), file.toString()));
      Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
      TargetProcess target = new TargetProcess(kind, p, log);
      target.awaitReady();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + kind.label(), e);
    }
  }

  long pid() {
    return process.pid();
  }

  TargetKind kind() {
    return kind;
  }

  /** Lines of the target's log that contain {@code text} (the hub's own warnings, for the report). */
  long logLines(String text) {
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(text)).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  private void awaitReady() {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.equals("ready")) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    try {
      if (ready.get(READY_SECONDS, TimeUnit.SECONDS)) {
        return;
      }
    } catch (TimeoutException | ExecutionException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    throw new IllegalStateException("the " + kind.label() + " did not start within " + READY_SECONDS + " s; see "
        + log);
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}

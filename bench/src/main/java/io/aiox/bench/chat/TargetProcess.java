package io.aiox.bench.chat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
 * A running {@link TargetMain}: the same JVM and class path as this one, its log in a file, told to disconnect and
 * connect again through its standard input, stopped by closing it (then SIGTERM, then SIGKILL).
 */
final class TargetProcess implements AutoCloseable {
  private static final long READY_SECONDS = 120;
  private static final long DISCONNECT_SECONDS = 30;
  static final String JVM_OPTS = "AIOX_BENCH_TARGET_JVM_OPTS";

  private final TargetKind kind;
  private final Process process;
  private final Path log;
  private final BufferedReader out;
  private final Writer in;
  private boolean connected;

  private TargetProcess(TargetKind kind, Process process, Path log) {
    this.kind = kind;
    this.process = process;
    this.log = log;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
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
      target.await(TargetMain.READY, READY_SECONDS);
      target.connected = true;
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

  /** Closes the target's connections to its server; the process stays, with what its JIT compiled. */
  void disconnect() {
    if (connected) {
      tell(TargetMain.DISCONNECT, TargetMain.DISCONNECTED, DISCONNECT_SECONDS);
      connected = false;
    }
  }

  /** Connects the target again after {@link #disconnect()}; returns once it is ready for load. */
  void connect() {
    if (!connected) {
      tell(TargetMain.CONNECT, TargetMain.READY, READY_SECONDS);
      connected = true;
    }
  }

  private void tell(String command, String answer, long seconds) {
    try {
      in.write(command + "\n");
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the " + kind.label() + " process has gone; see " + log, e);
    }
    await(answer, seconds);
  }

  /** Reads the target's standard output up to the line {@code expected}; stops the target if it does not come. */
  private void await(String expected, long seconds) {
    CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.equals(expected)) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    try {
      if (seen.get(seconds, TimeUnit.SECONDS)) {
        return;
      }
    } catch (TimeoutException | ExecutionException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    throw new IllegalStateException("the " + kind.label() + " did not say " + expected + " within " + seconds
        + " s; see " + log);
  }

  @Override
  public void close() {
    try {
      in.close();
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

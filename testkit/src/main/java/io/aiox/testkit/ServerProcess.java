package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server run in the foreground by a project script; this object owns the process and its descendants.
 * Output goes to {@code <dir>/console.log}, which failures quote.
 */
public final class ServerProcess implements AutoCloseable {
  private static final int LOG_TAIL_CHARS = 4000;

  private final String name;
  private final Path dir;
  private final Process process;

  private ServerProcess(String name, Path dir, Process process) {
    this.name = name;
    this.dir = dir;
    this.process = process;
  }

  /** Starts {@code command} with the extra environment, in {@code dir}. */
  public static ServerProcess start(String name, Path dir, List<String> command, Map<String, String> env) {
    try {
      Files.createDirectories(dir);
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("console.log").toFile());
      pb.environment().putAll(env);
      return new ServerProcess(name, dir, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot start " + command, e);
    }
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  int exitCode() {
    return process.exitValue();
  }

  /** An exception naming the server, its folder and the tail of its console log. */
  public IllegalStateException failure(String what) {
    return new IllegalStateException(name + " " + what + " (folder " + dir + ")\n" + logTail());
  }

  String logTail() {
    try {
      String log = Files.readString(dir.resolve("console.log"), StandardCharsets.UTF_8);
      return log.length() <= LOG_TAIL_CHARS ? log : log.substring(log.length() - LOG_TAIL_CHARS);
    } catch (IOException e) {
      return "(no console log: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL to the server and its descendants; returns once the server is gone. */
  public void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM to the server and its descendants, SIGKILL after the grace period. */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}

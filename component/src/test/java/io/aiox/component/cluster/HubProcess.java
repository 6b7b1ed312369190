package io.aiox.component.cluster;

import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.ServerProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: a hub in a process of its own, started from the built jar ({@code component/target/aiox-hub.jar},
 * which the build makes before the integration tests) with a configuration file; ready once it logs so. A test can
 * kill it without warning, as a machine that dies would.
 */
final class HubProcess implements AutoCloseable {
  private final ServerProcess process;

  private HubProcess(ServerProcess process) {
    this.process = process;
  }

  static HubProcess start(String name, Path dir, JsonObject config, Duration ready) {
    Path jar = ProjectRoot.get().resolve("component/target/aiox-hub.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the build packages it before the integration tests");
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("hub.json");
      Files.writeString(file, config.encodePrettily(), StandardCharsets.UTF_8);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ServerProcess p = ServerProcess.start(name, dir, List.of(java, "-Xmx384m", "--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString(), "run", file.toString()), Map.of());
      HubProcess hub = new HubProcess(p);
      hub.awaitReady(ready);
      return hub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    Path log = process.dir().resolve("console.log");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw process.failure("exited during start-up");
      }
      try {
        if (Files.exists(log) && Files.readString(log).contains("AIOX hub ready")) {
          return;
        }
        Thread.sleep(200);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw process.failure("was not ready within " + wait.toSeconds() + " s");
  }

  /** Ends the process at once (SIGKILL): no goodbye to the cluster, turns in hand simply stop. */
  void kill() {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
  }

  /**
   * Asks the process to stop (SIGTERM, as an operator or a service manager would) and waits for it to exit; returns
   * how long that took, or fails when it is still running after {@code within} (it is then killed).
   */
  Duration stop(Duration within) {
    long t0 = System.nanoTime();
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
    if (handle == null) {
      return Duration.ZERO;
    }
    handle.destroy();
    try {
      handle.onExit().get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return Duration.ofNanos(System.nanoTime() - t0);
    } catch (java.util.concurrent.TimeoutException e) {
      kill();
      throw process.failure("did not exit within " + within.toSeconds() + " s of SIGTERM");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String log() {
    try {
      return Files.readString(process.dir().resolve("console.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.close();
  }
}

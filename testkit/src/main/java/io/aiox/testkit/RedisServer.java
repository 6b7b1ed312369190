package io.aiox.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Redis run by {@code scripts/servers/run-redis}, without persistence. */
public final class RedisServer implements AutoCloseable {
  private final Path root;
  private final Path dir;
  private final int port;
  private ServerProcess process;

  private RedisServer(Path root, Path dir, int port) {
    this.root = root;
    this.dir = dir;
    this.port = port;
  }

  public static RedisServer start(Path root, Path dir) {
    RedisServer server = new RedisServer(root, dir, Ports.free());
    server.startProcess();
    return server;
  }

  private void startProcess() {
    Ports.requireFree("Redis", port);
    List<String> cmd = List.of(root.resolve("scripts/servers/run-redis").toString(), dir.toString(),
        Integer.toString(port));
    process = ServerProcess.start("Redis", dir, cmd, Map.of());
    Ports.awaitOpen(process, port, Duration.ofSeconds(10));
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://" + host() + ":" + port;
  }

  /** Stops the server; for fail-closed tests. {@link #restart()} brings it back on the same port. */
  public void stop() {
    process.close();
  }

  public void restart() {
    if (process.isAlive()) {
      process.close();
    }
    startProcess();
  }

  @Override
  public void close() {
    process.close();
  }
}

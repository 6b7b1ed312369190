package io.aiox.testkit.mcp;

import io.aiox.testkit.Ports;
import io.aiox.testkit.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MCP reference server ({@code @modelcontextprotocol/server-everything}, pinned), installed from the npm
 * registry once per machine under the temp folder and reused by later runs. Its tools include {@code echo}
 * ({@code "Echo: <message>"}) and {@code get-sum} (a and b), both marked {@code readOnlyHint}. Over stdio the hub
 * runs {@link #stdioCommand()} itself; {@link #startHttp} runs its Streamable HTTP transport at
 * {@code http://127.0.0.1:<free port>/mcp}. That transport listens on every interface by itself, so a small preload
 * holds it to 127.0.0.1.
 */
public final class EverythingMcpServer implements AutoCloseable {
  public static final String PACKAGE = "@modelcontextprotocol/server-everything";
  public static final String VERSION = "2026.8.31";
  private static final String LOOPBACK_PRELOAD = """
      // Tests keep servers on loopback: every listen() of this process binds 127.0.0.1.
      const net = require('net');
      const listen = net.Server.prototype.listen;
      net.Server.prototype.listen = function (...args) {
        if (args[0] !== null && typeof args[0] === 'object') {
          args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
        } else if (typeof args[1] === 'string') {
          args[1] = '127.0.0.1';
        } else {
          args.splice(1, 0, '127.0.0.1');
        }
        return listen.apply(this, args);
      };
      """;

  private final ServerProcess process;
  private final int port;

  private EverythingMcpServer(ServerProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The installed server's entry point ({@code dist/index.js}); installs it on first use. */
  public static synchronized Path entryPoint() {
    Path home = home();
    Path entry = home.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    if (Files.isRegularFile(entry) && Files.isRegularFile(home.resolve("loopback.cjs"))) {
      return entry;
    }
    try {
      Files.createDirectories(home.getParent());
      Path work = Files.createTempDirectory(home.getParent(), "server-everything.tmp");
      install(work);
      Files.writeString(work.resolve("loopback.cjs"), LOOPBACK_PRELOAD, StandardCharsets.UTF_8);
      try {
        Files.move(work, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isRegularFile(entry)) { // another JVM may have moved its copy in first
          throw e;
        }
      }
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + PACKAGE + "@" + VERSION, e);
    }
  }

  private static Path home() {
    return Path.of(System.getProperty("java.io.tmpdir"), "aiox-test-npm", "server-everything-" + VERSION);
  }

  /** The command that runs the server over stdio (what an operator writes in {@code command}). */
  public static List<String> stdioCommand() {
    return List.of("node", entryPoint().toString(), "stdio");
  }

  /** Starts the Streamable HTTP transport on a free loopback port, its files and log in {@code dir}. */
  public static EverythingMcpServer startHttp(Path dir) {
    Path entry = entryPoint();
    Path preload = home().resolve("loopback.cjs");
    int port = Ports.free();
    ServerProcess process = ServerProcess.start("mcp-everything", dir, List.of("node", "--require",
        preload.toString(), entry.toString(), "streamableHttp"), Map.of("PORT", Integer.toString(port)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Ports.answers(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        IllegalStateException failure = process.failure("did not listen on port " + port);
        process.close();
        throw failure;
      }
      sleep();
    }
    return new EverythingMcpServer(process, port);
  }

  /** The MCP endpoint: {@code http://127.0.0.1:<port>/mcp}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  @Override
  public void close() {
    process.close();
  }

  private static void install(Path work) throws IOException {
    Process npm = new ProcessBuilder("npm", "install", "--prefix", work.toString(), "--no-audit", "--no-fund",
        "--no-save", "--no-package-lock", "--ignore-scripts", "--no-update-notifier", "--loglevel=error",
        PACKAGE + "@" + VERSION).redirectErrorStream(true).start();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm install " + PACKAGE + "@" + VERSION + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      npm.destroyForcibly();
      throw new IllegalStateException("interrupted while installing " + PACKAGE, e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the MCP server", e);
    }
  }
}

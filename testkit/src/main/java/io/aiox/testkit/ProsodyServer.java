package io.aiox.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Prosody run by {@code ejabberd/run-prosody}: a second, independent XMPP hub. */
public final class ProsodyServer implements AutoCloseable {
  public static final String DEFAULT_DOMAIN = "hubb.test";

  private final Path dir;
  private final String domain;
  private final int c2sPort = Ports.free();
  private final int s2sPort = Ports.free();
  private final int httpPort = Ports.free();
  private final ServerProcess process;

  private ProsodyServer(Path root, Path dir, String domain) {
    this.dir = dir;
    this.domain = domain;
    for (int port : List.of(c2sPort, s2sPort, httpPort)) {
      Ports.requireFree("Prosody", port);
    }
    Map<String, String> env = Map.of("AIOX_XMPP_DOMAIN", domain, "AIOX_C2S_PORT", Integer.toString(c2sPort),
        "AIOX_S2S_PORT", Integer.toString(s2sPort), "AIOX_HTTP_PORT", Integer.toString(httpPort));
    process = ServerProcess.start("Prosody", dir, List.of(root.resolve("ejabberd/run-prosody").toString(),
        dir.toString()), env);
    Ports.awaitOpen(process, c2sPort, Duration.ofSeconds(20));
  }

  public static ProsodyServer start(Path root, Path dir, String domain) {
    return new ProsodyServer(root, dir, domain);
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public String domain() {
    return domain;
  }

  public int c2sPort() {
    return c2sPort;
  }

  public int s2sPort() {
    return s2sPort;
  }

  /** Registers {@code user@domain} with prosodyctl against this server's configuration. */
  public String register(String user, String password) {
    List<String> cmd = List.of("prosodyctl", "--config", dir.resolve("prosody.cfg.lua").toString(), "register",
        user, domain, password);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("prosodyctl register " + user + " failed: " + out);
      }
      return user + "@" + domain;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run prosodyctl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}

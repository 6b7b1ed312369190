package io.aiox.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/** Prosody run by {@code ejabberd/run-prosody}: a second, independent XMPP hub. */
public final class ProsodyServer implements AutoCloseable {
  public static final String DEFAULT_DOMAIN = "hubb.test";

  private final Path dir;
  private final String domain;
  private final int c2sPort = Ports.free();
  private final S2sListener s2s;
  private final int httpPort = Ports.free();
  private final ServerProcess process;

  private ProsodyServer(Path root, Path dir, String domain, S2sListener s2s, List<String> moreDomains) {
    this.dir = dir;
    this.domain = domain;
    this.s2s = s2s;
    for (int port : List.of(c2sPort, httpPort)) {
      Ports.requireFree("Prosody", port);
    }
    Ports.requireFree("Prosody", s2s.ip(), s2s.port());
    Map<String, String> env = new HashMap<>(Map.of("AIOX_XMPP_DOMAIN", domain, "AIOX_C2S_PORT",
        Integer.toString(c2sPort), "AIOX_HTTP_PORT", Integer.toString(httpPort),
        "AIOX_XMPP_MORE_DOMAINS", String.join(" ", moreDomains)));
    env.putAll(s2s.environment());
    process = ServerProcess.start("Prosody", dir, List.of(root.resolve("ejabberd/run-prosody").toString(),
        dir.toString()), env);
    Ports.awaitOpen(process, c2sPort, Duration.ofSeconds(20));
    Ports.awaitOpen(process, s2s.ip(), s2s.port(), Duration.ofSeconds(20));
  }

  public static ProsodyServer start(Path root, Path dir, String domain) {
    return new ProsodyServer(root, dir, domain, S2sListener.isolated(), List.of());
  }

  /**
   * A federated hub: the server-to-server listener given, and further users' domains served by the same server
   * (a second remote hub at the cost of none). {@code cert.crt} and {@code cert.key} put into {@code dir}
   * beforehand are the server's certificate and key; otherwise the run script makes a self-signed one.
   */
  public static ProsodyServer start(Path root, Path dir, String domain, S2sListener s2s, List<String> moreDomains) {
    return new ProsodyServer(root, dir, domain, s2s, moreDomains);
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
    return s2s.port();
  }

  /** Registers {@code user@domain} with prosodyctl against this server's configuration. */
  public String register(String user, String password) {
    return register(user, domain, password);
  }

  /** A logged-in Smack connection for {@code user@domain} (plain TCP on loopback), with a resource of its own. */
  public XMPPTCPConnection connect(String user, String domain, String password) {
    return XmppClients.connect("Prosody", domain, c2sPort, user, password,
        "test-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** Registers a fresh user of {@code domain} (this server's or one of its further domains) and logs it in. */
  public XMPPTCPConnection newUser(String prefix, String domain) {
    String user = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    register(user, domain, "pw-" + user);
    return connect(user, domain, "pw-" + user);
  }

  /** Registers {@code user@domain} for one of the domains this server serves. */
  public String register(String user, String domain, String password) {
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

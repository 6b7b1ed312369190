package io.aiox.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * ejabberd run by {@code ejabberd/run-ejabberd}: one XMPP domain for users, and a XEP-0114 listener for the agents
 * domain. Users are registered through ejabberd's HTTP API, as the hub itself does.
 */
public final class EjabberdServer implements AutoCloseable {
  public static final String DEFAULT_DOMAIN = "hub.test";

  private final Path root;
  private final Path dir;
  private final String domain;
  private final String componentSecret = UUID.randomUUID().toString();
  private final int c2sPort = Ports.free();
  private final int s2sPort = Ports.free();
  private final int componentPort = Ports.free();
  private final int httpPort = Ports.free();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ServerProcess process;

  private EjabberdServer(Path root, Path dir, String domain) {
    this.root = root;
    this.dir = dir;
    this.domain = domain;
  }

  public static EjabberdServer start(Path root, Path dir, String domain) {
    EjabberdServer server = new EjabberdServer(root, dir, domain);
    server.startProcess();
    return server;
  }

  private void startProcess() {
    for (int port : List.of(c2sPort, s2sPort, componentPort, httpPort)) {
      Ports.requireFree("ejabberd", port);
    }
    Map<String, String> env = Map.of("AIOX_XMPP_DOMAIN", domain, "AIOX_COMPONENT_DOMAIN", componentDomain(),
        "AIOX_COMPONENT_SECRET", componentSecret, "AIOX_C2S_PORT", Integer.toString(c2sPort),
        "AIOX_S2S_PORT", Integer.toString(s2sPort), "AIOX_COMPONENT_PORT", Integer.toString(componentPort),
        "AIOX_HTTP_PORT", Integer.toString(httpPort), "AIOX_EJABBERD_LOGLEVEL", "info");
    process = ServerProcess.start("ejabberd", dir,
        List.of(root.resolve("ejabberd/run-ejabberd").toString(), dir.toString()), env);
    for (int port : List.of(c2sPort, componentPort, httpPort)) {
      Ports.awaitOpen(process, port, Duration.ofSeconds(30));
    }
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public String domain() {
    return domain;
  }

  public String componentDomain() {
    return "agents." + domain;
  }

  public String componentSecret() {
    return componentSecret;
  }

  public int c2sPort() {
    return c2sPort;
  }

  public int s2sPort() {
    return s2sPort;
  }

  public int componentPort() {
    return componentPort;
  }

  public int httpPort() {
    return httpPort;
  }

  public String apiUrl() {
    return "http://" + host() + ":" + httpPort + "/api";
  }

  public Path logFile() {
    return dir.resolve("logs/ejabberd.log");
  }

  /** Registers {@code user@domain} with the password; fails with ejabberd's answer when it refuses. */
  public String register(String user, String password) {
    String body = "{\"user\":\"" + user + "\",\"host\":\"" + domain + "\",\"password\":\"" + password + "\"}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl() + "/register"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("ejabberd refused to register " + user + ": HTTP " + response.statusCode()
            + " " + response.body());
      }
      return user + "@" + domain;
    } catch (IOException e) {
      throw new IllegalStateException("ejabberd's HTTP API at " + apiUrl() + " is unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A logged-in Smack connection for the user (plain TCP on loopback), with a resource of its own. */
  public XMPPTCPConnection connect(String user, String password) {
    return connect(user, password, "test-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** A logged-in Smack connection with the given resource (a second login with it replaces the first). */
  public XMPPTCPConnection connect(String user, String password, String resource) {
    try {
      XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
          .setXmppDomain(domain).setHost(host()).setPort(c2sPort).setUsernameAndPassword(user, password)
          .setResource(resource).setSecurityMode(SecurityMode.disabled).setSendPresence(true).build();
      XMPPTCPConnection connection = new XMPPTCPConnection(config);
      connection.setReplyTimeout(10_000);
      connection.connect().login();
      return connection;
    } catch (SmackException | IOException | XMPPException e) {
      throw new IllegalStateException(user + "@" + domain + " cannot log in to ejabberd at " + host() + ":" + c2sPort, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers a fresh user and returns its logged-in connection. */
  public XMPPTCPConnection newUser(String prefix) {
    String user = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    register(user, "pw-" + user);
    return connect(user, "pw-" + user);
  }

  /** Stops the server; the same ports and data come back with {@link #restart()}. */
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

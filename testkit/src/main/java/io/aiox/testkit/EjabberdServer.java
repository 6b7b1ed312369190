package io.aiox.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * ejabberd run by {@code ejabberd/run-ejabberd}: one XMPP domain for users, and a XEP-0114 listener for the agents
 * domain. Users are registered through ejabberd's HTTP API, as the hub itself does. Names resolve from
 * {@code /etc/hosts} only ({@code AIOX_RESOLVE=hosts}): a test or benchmark hub asks no DNS server, also not for
 * the SRV records of a server it tries to reach.
 */
public final class EjabberdServer implements AutoCloseable {
  public static final String DEFAULT_DOMAIN = "hub.test";

  private final Path root;
  private final Path dir;
  private final String domain;
  /** The address every listener binds: 127.0.0.1, or a cluster node's own. */
  private final String ip;
  private final String componentSecret;
  /** {@code AIOX_CLUSTER_*} and {@code AIOX_DIST_PORT} for a node of a cluster; empty otherwise. */
  private final Map<String, String> clusterEnvironment;
  private final int c2sPort = Ports.free();
  private final S2sListener s2s;
  private final int componentPort = Ports.free();
  private final int httpPort = Ports.free();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ServerProcess process;

  private EjabberdServer(Path root, Path dir, String domain, String ip, String componentSecret, S2sListener s2s,
                         Map<String, String> clusterEnvironment) {
    this.root = root;
    this.dir = dir;
    this.domain = domain;
    this.ip = ip;
    this.componentSecret = componentSecret;
    this.s2s = s2s;
    this.clusterEnvironment = Map.copyOf(clusterEnvironment);
  }

  public static EjabberdServer start(Path root, Path dir, String domain) {
    return start(root, dir, domain, S2sListener.isolated());
  }

  /**
   * With the server-to-server listener given (a federated hub). A {@code cert.pem} (certificate, chain and key) put
   * into {@code dir} beforehand is the server's certificate; otherwise the run script makes a self-signed one.
   */
  public static EjabberdServer start(Path root, Path dir, String domain, S2sListener s2s) {
    EjabberdServer server = new EjabberdServer(root, dir, domain, Ports.LOOPBACK, UUID.randomUUID().toString(), s2s,
        Map.of());
    server.startProcess();
    return server;
  }

  /**
   * A node of a cluster ({@link EjabberdCluster}): every listener on {@code ip}, the component secret the cluster's
   * nodes share, and the cluster's {@code run-ejabberd} settings (cookie file, distribution port, node to join).
   */
  static EjabberdServer startNode(Path root, Path dir, String domain, String ip, String componentSecret,
                                  Map<String, String> clusterEnvironment) {
    EjabberdServer server = new EjabberdServer(root, dir, domain, ip, componentSecret,
        new S2sListener(ip, Ports.free(), Optional.empty()), clusterEnvironment);
    try {
      server.startProcess();
    } catch (RuntimeException e) {
      server.close(); // a node that did not come up in time is stopped, not left behind
      throw e;
    }
    return server;
  }

  private void startProcess() {
    for (int port : List.of(c2sPort, componentPort, httpPort)) {
      Ports.requireFree("ejabberd", ip, port);
    }
    Ports.requireFree("ejabberd", s2s.ip(), s2s.port());
    Path publicKey = XmppLoginKey.ensure(xmppJwtKeyFile(), dir.resolve("xmpp-jwt.pub.jwk"));
    Map<String, String> env = new HashMap<>(Map.of("AIOX_XMPP_DOMAIN", domain, "AIOX_COMPONENT_DOMAIN",
        componentDomain(), "AIOX_COMPONENT_SECRET", componentSecret, "AIOX_C2S_PORT", Integer.toString(c2sPort),
        "AIOX_COMPONENT_PORT", Integer.toString(componentPort), "AIOX_HTTP_PORT", Integer.toString(httpPort),
        "AIOX_EJABBERD_LOGLEVEL", "info", "AIOX_RESOLVE", "hosts", "AIOX_LISTEN_IP", ip));
    env.putAll(s2s.environment());
    env.put("AIOX_JWT_KEY", publicKey.toString());
    env.putAll(clusterEnvironment);
    process = ServerProcess.start("ejabberd", dir,
        List.of(root.resolve("ejabberd/run-ejabberd").toString(), dir.toString()), env);
    for (int port : List.of(c2sPort, componentPort, httpPort)) {
      Ports.awaitOpen(process, ip, port, Duration.ofSeconds(30));
    }
    Ports.awaitOpen(process, s2s.ip(), s2s.port(), Duration.ofSeconds(30));
  }

  /** Its Erlang node name when it is a node of a cluster ({@code ejabberd@127.A.B.n}). */
  public String nodeName() {
    return "ejabberd@" + ip;
  }

  /** The nodes of its cluster, running now, as this node sees them (the API's {@code list_cluster}). */
  public String clusterNodes() {
    return api("list_cluster", "{}");
  }

  /** The address of its listeners (127.0.0.1 unless it is a node of a cluster). */
  public String host() {
    return ip;
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
    return s2s.port();
  }

  /** The address the server-to-server listener binds. */
  public String s2sIp() {
    return s2s.ip();
  }

  public int componentPort() {
    return componentPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The prefix of the GET URLs of files uploaded to its XEP-0363 service (mod_http_upload). */
  public String uploadUrl() {
    return "http://" + host() + ":" + httpPort + "/upload/";
  }

  /**
   * The private JWK of this server's XMPP logins (what a hub's {@code web.xmpp_jwt_key_file} names); ejabberd holds
   * the public half.
   */
  public Path xmppJwtKeyFile() {
    return dir.resolve("xmpp-jwt.jwk");
  }

  /** The XMPP-over-WebSocket endpoint (RFC 7395). */
  public String websocketUrl() {
    return "ws://" + host() + ":" + httpPort + "/ws";
  }

  public String apiUrl() {
    return "http://" + host() + ":" + httpPort + "/api";
  }

  /** The server's process (the Erlang VM: the run script exec's it). */
  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return dir.resolve("logs/ejabberd.log");
  }

  /** Registers {@code user@domain} with the password; fails with ejabberd's answer when it refuses. */
  public String register(String user, String password) {
    api("register", "{\"user\":\"" + user + "\",\"host\":\"" + domain + "\",\"password\":\"" + password + "\"}");
    return user + "@" + domain;
  }

  /** How many messages ejabberd holds in offline storage for {@code user@domain} (mod_offline). */
  public int offlineCount(String user) {
    return Integer.parseInt(api("get_offline_count", "{\"user\":\"" + user + "\",\"server\":\"" + domain + "\"}")
        .replaceAll("[^0-9]", ""));
  }

  /** Calls a command of ejabberd's HTTP API; the answer's body, or a failure with ejabberd's answer. */
  private String api(String command, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl() + "/" + command))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("ejabberd refused " + command + " " + body + ": HTTP " + response.statusCode()
            + " " + response.body());
      }
      return response.body();
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
    return XmppClients.connect("ejabberd", domain, ip, c2sPort, user, password, resource);
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

  /** Ends the server at once (SIGKILL), as a crash or a lost machine would: no clean shutdown, no goodbye. */
  public void kill() {
    process.kill();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public void restart() {
    if (process.isAlive()) {
      process.close();
    }
    startProcess();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}

package io.aiox.worker.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.net.HostResolver;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.schema.TestDatabase;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code http_request} under its policy, end to end against a local HTTP server (rfc/aiox-agents.md section 9):
 * internal addresses refused unless the policy lists them, allowed domains, the pinned address, caps, audit.
 */
@ExtendWith(RealServers.class)
class HttpRequestToolIT {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Redis redis;
  private static HttpServer server;
  private static int port;
  private static ToolCalls calls;
  private static User owner;
  private static AgentRepository agents;
  private static AgentToolRepository tools;
  private static final AtomicInteger hits = new AtomicInteger();
  private static final AtomicInteger connections = new AtomicInteger();
  private static final List<String> hostHeaders = new CopyOnWriteArrayList<>();
  /** Names the test resolver answers; a list is served one entry per lookup, the last one repeated. */
  private static final Map<String, List<String>> names = new ConcurrentHashMap<>();

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    db = TestDatabase.create(servers);
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(servers.redis().uri()));
    server = vertx.createHttpServer().requestHandler(req -> {
      hits.incrementAndGet();
      hostHeaders.add(req.getHeader("host"));
      switch (req.path()) {
        case "/hello" -> req.response().end("hi");
        case "/big" -> req.response().end(Buffer.buffer(new byte[100_000]));
        case "/redirect" -> req.response().setStatusCode(302).putHeader("location", "http://169.254.169.254/").end();
        case "/slow" -> { } // never answers
        case "/echo" -> req.body().onSuccess(b -> req.response().end(req.method() + " " + b));
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    port = server.actualPort();
    HostResolver system = HostResolver.system(vertx);
    HostResolver resolver = host -> {
      List<String> answers = names.get(host);
      if (answers == null) {
        return system.resolve(host);
      }
      String next = answers.size() > 1 ? answers.remove(0) : answers.get(0);
      return vertx.executeBlocking(() -> List.of(InetAddress.getByName(next)));
    };
    calls = new ToolCalls(vertx, db.database, redis, ToolRegistry.builtin(vertx, resolver));
    owner = new UserRepository(db.database.ownerScope()).create("ann-tools", "ann-tools@hub.test").await();
    agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    tools = new AgentToolRepository(db.database.ownerScope());
  }

  @AfterAll
  static void stop() {
    server.close().await();
    redis.close();
    vertx.close().await();
    db.close();
  }

  private static Agent agentWith(JsonObject policy) {
    Agent agent = agents.create(owner.id(), NewAgent.named("Fetcher", Visibility.PRIVATE)).await();
    tools.enable(owner.id(), agent.id(), "http_request", policy).await();
    return agent;
  }

  private static ToolOutcome get(Agent agent, String url) {
    return calls.invoke(owner.id(), agent.id(), "http_request", new JsonObject().put("url", url), "testing").await();
  }

  private static JsonArray list(String... items) {
    return new JsonArray(List.of((Object[]) items));
  }

  @Test
  void internal_addresses_and_names_that_resolve_to_them_are_refused_by_default() {
    names.put("sneaky.example.test", new ArrayList<>(List.of("127.0.0.1")));
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("*", "127.0.0.1", "10.0.0.1",
        "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0")));
    int before = hits.get();
    assertThat(get(agent, "http://127.0.0.1:" + port + "/hello").reason()).contains("loopback");
    assertThat(get(agent, "http://10.0.0.1/").reason()).contains("private");
    assertThat(get(agent, "http://169.254.169.254/latest/meta-data/").reason()).contains("link-local");
    assertThat(get(agent, "http://[::1]:" + port + "/hello").reason()).contains("loopback");
    assertThat(get(agent, "http://[::ffff:127.0.0.1]:" + port + "/hello").reason()).contains("loopback");
    assertThat(get(agent, "http://0.0.0.0:" + port + "/hello").reason()).contains("unspecified");
    assertThat(get(agent, "http://localhost:" + port + "/hello").reason()).contains("localhost resolves to")
        .contains("loopback");
    ToolOutcome sneaky = get(agent, "http://sneaky.example.test:" + port + "/hello");
    assertThat(sneaky.status()).isEqualTo(Status.DENIED);
    assertThat(sneaky.reason()).contains("sneaky.example.test resolves to 127.0.0.1");
    assertThat(hits.get()).as("nothing reached the server").isEqualTo(before);
    assertThat(auditCount(agent, "tool.denied")).isEqualTo(8);
    assertThat(auditCount(agent, "tool.executed")).isZero();
  }

  /** rfc 9.3: a host made of numbers is an address as the C library reads it, whatever '*' says. */
  @Test
  void numeric_loopback_forms_are_refused_as_addresses_audited_and_never_connected() {
    NetServer listener = vertx.createNetServer().connectHandler(socket -> {
      connections.incrementAndGet();
      socket.close();
    }).listen(0, "127.0.0.1").await();
    try {
      Agent agent = agentWith(new JsonObject().put("allowed_domains", list("*")));
      for (String host : List.of("127.1", "0x7f.1")) {
        ToolOutcome out = get(agent, "http://" + host + ":" + listener.actualPort() + "/");
        assertThat(out.status()).as(out.reason()).isEqualTo(Status.DENIED);
        assertThat(out.reason()).contains(host + " (127.0.0.1) is an IP address not in the agent's allowed domains");
        assertThat(auditReasons(agent, host)).singleElement().asString().contains("'*' and wildcards admit names");
      }
      Agent listed = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1")));
      assertThat(get(listed, "http://0x7f.1:" + listener.actualPort() + "/").reason())
          .contains("0x7f.1 (127.0.0.1) is a loopback address");
      assertThat(connections.get()).as("no connection reached the listener").isZero();
    } finally {
      listener.close().await();
    }
  }

  @Test
  void a_numeric_form_of_an_address_both_lists_name_reaches_that_address() {
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1"))
        .put("allowed_addresses", list("127.0.0.1")));
    ToolOutcome out = get(agent, "http://0x7f.1:" + port + "/hello");
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getString("address")).isEqualTo("127.0.0.1");
    assertThat(hostHeaders).contains("127.0.0.1:" + port);
  }

  @Test
  void an_address_the_policy_lists_explicitly_is_reached() {
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1"))
        .put("allowed_addresses", list("127.0.0.1")));
    ToolOutcome out = get(agent, "http://127.0.0.1:" + port + "/hello");
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getInteger("status")).isEqualTo(200);
    assertThat(out.result().getString("body")).isEqualTo("hi");
    assertThat(auditCount(agent, "tool.allowed")).isEqualTo(1);
    assertThat(auditCount(agent, "tool.executed")).isEqualTo(1);
  }

  @Test
  void an_allowed_domain_is_reached_at_its_vetted_address_and_others_are_not() {
    names.put("api.example.test", new ArrayList<>(List.of("127.0.0.1")));
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("*.example.test"))
        .put("allowed_addresses", list("127.0.0.0/8")));
    ToolOutcome out = get(agent, "http://api.example.test:" + port + "/hello");
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getString("address")).isEqualTo("127.0.0.1");
    assertThat(hostHeaders).contains("api.example.test:" + port);
    assertThat(get(agent, "http://example.org:" + port + "/hello").reason())
        .contains("not in the agent's allowed domains");
  }

  @Test
  void a_name_that_turns_internal_between_the_check_and_the_connection_is_refused() {
    names.put("rebind.example.test", new ArrayList<>(List.of("93.184.216.34", "127.0.0.1")));
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("rebind.example.test")));
    int before = hits.get();
    ToolOutcome out = get(agent, "http://rebind.example.test:" + port + "/hello");
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).contains("resolves to 127.0.0.1");
    assertThat(hits.get()).isEqualTo(before);
    assertThat(auditCount(agent, "tool.allowed")).as("the gate passed it").isEqualTo(1);
    assertThat(auditCount(agent, "tool.denied")).as("the connection refused it").isEqualTo(1);
  }

  @Test
  void the_response_is_cut_at_the_byte_cap_and_redirects_are_not_followed() {
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1"))
        .put("allowed_addresses", list("127.0.0.1")).put("max_response_bytes", 1_000));
    ToolOutcome big = get(agent, "http://127.0.0.1:" + port + "/big");
    assertThat(big.status()).isEqualTo(Status.EXECUTED);
    assertThat(big.result().getInteger("bytes")).isEqualTo(1_000);
    assertThat(big.result().getBoolean("truncated")).isTrue();
    ToolOutcome redirect = get(agent, "http://127.0.0.1:" + port + "/redirect");
    assertThat(redirect.result().getInteger("status")).isEqualTo(302);
    assertThat(redirect.result().getJsonObject("headers").getString("location")).isEqualTo("http://169.254.169.254/");
  }

  @Test
  void a_call_past_its_timeout_fails_and_is_audited() {
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1"))
        .put("allowed_addresses", list("127.0.0.1")).put("timeout_seconds", 1));
    ToolOutcome out = get(agent, "http://127.0.0.1:" + port + "/slow");
    assertThat(out.status()).isEqualTo(Status.FAILED);
    assertThat(out.reason()).contains("within 1 s");
    assertThat(auditCount(agent, "tool.executed")).isEqualTo(1);
  }

  @Test
  void a_read_only_policy_refuses_post_and_otherwise_post_sends_the_body() {
    JsonObject local = new JsonObject().put("allowed_domains", list("127.0.0.1"))
        .put("allowed_addresses", list("127.0.0.1"));
    JsonObject post = new JsonObject().put("url", "http://127.0.0.1:" + port + "/echo").put("method", "POST")
        .put("body", "ping").put("headers", new JsonObject().put("content-type", "text/plain"));
    Agent readOnly = agentWith(local.copy().put("read_only", true));
    assertThat(calls.invoke(owner.id(), readOnly.id(), "http_request", post, "").await().reason())
        .contains("read-only");
    Agent writer = agentWith(local);
    ToolOutcome out = calls.invoke(owner.id(), writer.id(), "http_request", post, "").await();
    assertThat(out.result().getString("body")).isEqualTo("POST ping");
    JsonObject smuggle = post.copy().put("headers", new JsonObject().put("Host", "169.254.169.254"));
    assertThat(calls.invoke(owner.id(), writer.id(), "http_request", smuggle, "").await().reason())
        .contains("header 'Host' may not be set");
  }

  @Test
  void the_rate_limit_refuses_calls_beyond_it_within_the_minute() {
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1"))
        .put("allowed_addresses", list("127.0.0.1")).put("rate_limit_per_minute", 2));
    long minute = System.currentTimeMillis() / 60_000;
    List<Future<ToolOutcome>> burst = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      burst.add(calls.invoke(owner.id(), agent.id(), "http_request",
          new JsonObject().put("url", "http://127.0.0.1:" + port + "/hello"), ""));
    }
    Future.all(burst).await();
    long executed = burst.stream().filter(f -> f.result().executed()).count();
    long refused = burst.stream().filter(f -> f.result().reason().contains("rate limit of 2")).count();
    assertThat(executed + refused).isEqualTo(4);
    if (System.currentTimeMillis() / 60_000 == minute) { // a burst across a minute boundary opens a second window
      assertThat(refused).isEqualTo(2);
    }
  }

  @Test
  void tools_not_enabled_unknown_invalid_or_not_built_are_refused() {
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1")));
    assertThat(calls.invoke(owner.id(), agent.id(), "search_api", new JsonObject().put("query", "x"), "").await()
        .reason()).isEqualTo("search_api is not enabled for this agent");
    assertThat(calls.invoke(owner.id(), agent.id(), "rm_rf", new JsonObject(), "").await().reason())
        .isEqualTo("there is no tool named rm_rf");
    assertThat(get(agent, "file:///etc/passwd").reason()).contains("url must be http or https");
    assertThat(get(agent, "http://user@127.0.0.1/").reason()).contains("without user information");
    assertThat(get(agent, "http:///etc/passwd").reason()).contains("url must name a host");
    tools.enable(owner.id(), agent.id(), "http_request", new JsonObject().put("allow_everything", true)).await();
    assertThat(get(agent, "http://127.0.0.1/").reason()).contains("policy for http_request is invalid");
  }

  @Test
  void approval_with_no_component_to_ask_is_denied() {
    Agent agent = agentWith(new JsonObject().put("allowed_domains", list("127.0.0.1"))
        .put("allowed_addresses", list("127.0.0.1")).put("requires_approval", true));
    int before = hits.get();
    ToolOutcome out = get(agent, "http://127.0.0.1:" + port + "/hello");
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).contains("could not be asked");
    assertThat(hits.get()).isEqualTo(before);
  }

  @Test
  void https_checks_the_certificate_against_the_host_name_while_connecting_to_the_pinned_address() {
    SelfSignedCertificate cert = SelfSignedCertificate.create("secure.example.test");
    HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(cert.keyCertOptions())).requestHandler(req -> req.response().end("secret"))
        .listen(0, "127.0.0.1").await();
    try {
      names.put("secure.example.test", new ArrayList<>(List.of("127.0.0.1")));
      names.put("impostor.example.test", new ArrayList<>(List.of("127.0.0.1")));
      NetworkGuard guard = new NetworkGuard(host -> vertx.executeBlocking(
          () -> List.of(InetAddress.getByName(names.get(host).get(0)))));
      ToolCalls trusting = new ToolCalls(vertx, db.database, redis, new ToolRegistry(guard, List.of(
          new HttpRequestTool(vertx, guard, new HttpClientOptions().setTrustOptions(cert.trustOptions())))));
      Agent agent = agentWith(new JsonObject().put("allowed_domains", list("*.example.test"))
          .put("allowed_addresses", list("127.0.0.1")));
      ToolOutcome ok = trusting.invoke(owner.id(), agent.id(), "http_request",
          new JsonObject().put("url", "https://secure.example.test:" + tls.actualPort() + "/"), "").await();
      assertThat(ok.status()).as(ok.reason()).isEqualTo(Status.EXECUTED);
      assertThat(ok.result().getString("body")).isEqualTo("secret");
      ToolOutcome impostor = trusting.invoke(owner.id(), agent.id(), "http_request",
          new JsonObject().put("url", "https://impostor.example.test:" + tls.actualPort() + "/"), "").await();
      assertThat(impostor.status()).as("the certificate names another host").isEqualTo(Status.FAILED);
      assertThat(impostor.reason()).contains("impostor.example.test");
    } finally {
      tls.close().await();
      cert.delete();
    }
  }

  /** The reasons of the agent's {@code tool.denied} entries that name this host. */
  private static List<String> auditReasons(Agent agent, String host) {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement("SELECT details->>'reason'"
        + " FROM audit_logs WHERE agent_id = ? AND event_type = 'tool.denied' AND details->>'host' = ?")) {
      q.setObject(1, agent.id().value());
      q.setString(2, host);
      ResultSet rs = q.executeQuery();
      List<String> reasons = new ArrayList<>();
      while (rs.next()) {
        reasons.add(rs.getString(1));
      }
      return reasons;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long auditCount(Agent agent, String type) {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement(
        "SELECT count(*) FROM audit_logs WHERE agent_id = ? AND event_type = ?")) {
      q.setObject(1, agent.id().value());
      q.setString(2, type);
      ResultSet rs = q.executeQuery();
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.net.HostResolver;
import io.aiox.schema.TestDatabase;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.memory.MemoryId;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.memory.MemoryFailure.Kind;
import io.aiox.worker.memory.MemoryPrompt.Rendered;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The memory service against the real database and the real embedding model: facts, recall by meaning, two owners
 * with near-identical memories, documents fetched under the network rule, the event-bus path and retention.
 */
@ExtendWith(RealServers.class)
class MemoryServiceIT {
  private static final JsonObject LONG_TERM = new JsonObject().put("long_term_enabled", true);

  private static TestDatabase db;
  private static Vertx vertx;
  private static OnnxEmbedder embedder;
  private static MemoryRepository memories;
  private static MemoryClient client;
  private static Recall recall;
  private static Remembering remembering;
  private static AgentRepository agents;
  private static AgentToolRepository tools;
  private static HttpServer server;
  private static int port;
  private static User alice;
  private static User bob;

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    db = TestDatabase.create(servers);
    vertx = db.vertx;
    embedder = OnnxEmbedder.quantized(vertx, 2, 16);
    memories = new MemoryRepository(db.database.ownerScope());
    recall = new Recall(embedder, memories);
    remembering = new Remembering(embedder, memories);
    agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    tools = new AgentToolRepository(db.database.ownerScope());
    UserRepository users = new UserRepository(db.database.ownerScope());
    alice = users.create("alice", "alice@hub.test").await();
    bob = users.create("bob", "bob@hub.test").await();
    vertx.deployVerticle(new MemoryVerticle(db.database, embedder, MemoryOptions.DEFAULTS,
        HostResolver.system(vertx))).await();
    client = new MemoryClient(vertx.eventBus());
    byte[] pdf = DocumentTextTest.pdf("The loading dock code is 4417.", "Forklifts are charged overnight.");
    server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/handbook.txt" -> req.response().putHeader("content-type", "text/plain; charset=utf-8")
            .end("Lunch is served at noon in the canteen.\n\nThe fire assembly point is the north car park.");
        case "/dock.pdf" -> req.response().putHeader("content-type", "application/pdf").end(Buffer.buffer(pdf));
        case "/big.txt" -> req.response().end("a".repeat(50_000));
        case "/moved" -> req.response().setStatusCode(301).putHeader("location", "http://169.254.169.254/").end();
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    port = server.actualPort();
  }

  @AfterAll
  static void stop() {
    server.close().await();
    embedder.close();
    db.close();
  }

  @Test
  void a_fact_the_owner_told_is_listed_recalled_by_meaning_with_its_source_and_forgotten_on_request() {
    Agent agent = agent(alice, LONG_TERM);
    MemoryId id = client.remember(alice.id(), agent.id(), "My daughter's birthday is on the 3rd of March.").await();
    client.remember(alice.id(), agent.id(), "I prefer tea over coffee.").await();
    assertThat(client.list(alice.id(), agent.id(), 10).await()).extracting(MemoryClient.Listed::content)
        .containsExactlyInAnyOrder("My daughter's birthday is on the 3rd of March.", "I prefer tea over coffee.");

    Rendered r = recall.forTurn(agent, "someone@else.test", "When is my daughter's birthday?").await();
    assertThat(r.used()).isNotEmpty();
    assertThat(r.used().get(0).memory().id()).isEqualTo(id);
    assertThat(r.section()).contains("[fact told by the owner, ").contains("3rd of March");

    assertThat(client.forget(alice.id(), agent.id(), List.of(id)).await()).isEqualTo(1);
    assertThat(recall.forTurn(agent, "someone@else.test", "When is my daughter's birthday?").await().section())
        .doesNotContain("3rd of March");
    assertThat(client.forgetAll(alice.id(), agent.id()).await()).isEqualTo(1);
  }

  @Test
  void two_owners_with_near_identical_memories_each_recall_only_their_own() {
    Agent a = agent(alice, LONG_TERM);
    Agent b = agent(bob, LONG_TERM);
    client.remember(alice.id(), a.id(), "The code of my locker is 1234.").await();
    client.remember(bob.id(), b.id(), "The code of my locker is 9876.").await();
    String forA = recall.forTurn(a, "alice@hub.test", "What is my locker code?").await().section();
    String forB = recall.forTurn(b, "bob@hub.test", "What is my locker code?").await().section();
    assertThat(forA).contains("1234").doesNotContain("9876");
    assertThat(forB).contains("9876").doesNotContain("1234");
    assertThatThrownBy(() -> client.remember(alice.id(), b.id(), "planted").await())
        .isInstanceOf(MemoryFailure.class).extracting(e -> ((MemoryFailure) e).kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(client.list(alice.id(), b.id(), 10).await()).isEmpty();
  }

  @Test
  void each_exchange_is_remembered_as_configured_and_recalled_only_with_the_same_peer() {
    Agent full = agent(alice, LONG_TERM);
    assertThat(remembering.afterTurn(full, "carol@x.test", "I parked on level 4, spot 17.", "Noted.").await())
        .isEqualTo(1);
    assertThat(recall.forTurn(full, "carol@x.test", "Where did I park?").await().section())
        .contains("User: I parked on level 4, spot 17.").contains("conversation with carol@x.test");
    assertThat(recall.forTurn(full, "dave@x.test", "Where did I park?").await().used()).isEmpty();

    Agent summaries = agent(alice, LONG_TERM.copy().put("remember", "summaries"));
    remembering.afterTurn(summaries, "carol@x.test", "I parked on level 4, spot 17. It was raining.", "Noted. Bye.")
        .await();
    assertThat(client.list(alice.id(), summaries.id(), 10).await()).extracting(MemoryClient.Listed::content)
        .containsExactly("User said: I parked on level 4, spot 17. Agent answered: Noted.");

    Agent off = agent(alice, LONG_TERM.copy().put("remember", "off"));
    Agent disabled = agent(alice, new JsonObject());
    assertThat(remembering.afterTurn(off, "carol@x.test", "hello", "hi").await()).isZero();
    assertThat(remembering.afterTurn(disabled, "carol@x.test", "hello", "hi").await()).isZero();
    client.remember(alice.id(), disabled.id(), "A fact for an agent without long-term memory.").await();
    assertThat(recall.forTurn(disabled, "carol@x.test", "fact").await()).isEqualTo(Rendered.NONE);
  }

  @Test
  void a_document_url_is_fetched_only_under_the_agents_http_request_network_rule() throws SQLException {
    Agent agent = agent(alice, LONG_TERM);
    String url = "http://127.0.0.1:" + port + "/handbook.txt";
    assertThat(failure(() -> client.addDocumentFromUrl(alice.id(), agent.id(), url, "alice@hub.test").await()))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.DENIED))
        .satisfies(f -> assertThat(f.getMessage()).contains("http_request is not enabled"));

    tools.enable(alice.id(), agent.id(), ToolCatalog.HTTP_REQUEST, policy(false)).await();
    assertThat(failure(() -> client.addDocumentFromUrl(alice.id(), agent.id(), url, "alice@hub.test").await()))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.DENIED))
        .satisfies(f -> assertThat(f.getMessage()).contains("internal addresses are refused"));

    tools.enable(alice.id(), agent.id(), ToolCatalog.HTTP_REQUEST, policy(true)).await();
    assertThat(client.addDocumentFromUrl(alice.id(), agent.id(), url, "alice@hub.test").await()).isEqualTo(1);
    assertThat(client.addDocumentFromUrl(alice.id(), agent.id(), url, "alice@hub.test").await())
        .as("adding it again replaces its chunks").isEqualTo(1);
    assertThat(memories.count(alice.id(), agent.id()).await()).isEqualTo(1);
    assertThat(recall.forTurn(agent, "alice@hub.test", "Where do we gather if there is a fire?").await().section())
        .contains("[document " + url).contains("north car park");

    assertThat(client.addDocumentFromUrl(alice.id(), agent.id(), "http://127.0.0.1:" + port + "/dock.pdf",
        "alice@hub.test").await()).isEqualTo(1);
    assertThat(recall.forTurn(agent, "alice@hub.test", "What is the code of the loading dock?").await().section())
        .contains("4417");

    assertThat(failure(() -> client.addDocumentFromUrl(alice.id(), agent.id(), "http://127.0.0.1:" + port
        + "/big.txt", "alice@hub.test").await())).satisfies(f -> assertThat(f.getMessage()).contains("larger than"));
    assertThat(failure(() -> client.addDocumentFromUrl(alice.id(), agent.id(), "http://127.0.0.1:" + port
        + "/moved", "alice@hub.test").await())).satisfies(f -> assertThat(f.getMessage()).contains("redirect"));
    assertThat(failure(() -> client.addDocumentFromUrl(alice.id(), agent.id(), "file:///etc/passwd",
        "alice@hub.test").await())).satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.INVALID));
    assertThat(failure(() -> client.addDocumentFromUrl(alice.id(), agent.id(), "http://127.2:" + port
        + "/handbook.txt", "alice@hub.test").await())).as("a numeric host is an address the policy does not list")
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.DENIED))
        .satisfies(f -> assertThat(f.getMessage()).contains("127.2 (127.0.0.2) is an IP address not in"));
    try (Connection c = db.adminJdbc(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT details->>'outcome', count(*) FROM audit_logs WHERE event_type = 'memory.document' AND agent_id = '"
            + agent.id() + "' GROUP BY 1 ORDER BY 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("added");
      assertThat(rs.getInt(2)).isEqualTo(3);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("refused");
      assertThat(rs.getInt(2)).as("every refused URL, a malformed one included").isEqualTo(6);
    }
  }

  @Test
  void an_uploaded_document_goes_through_the_same_path_and_bad_ones_are_refused() throws Exception {
    Agent agent = agent(alice, LONG_TERM);
    assertThat(client.addDocument(alice.id(), agent.id(), "notes.md", "text/markdown",
        "# Notes\n\nThe wifi password is orange-falcon.".getBytes(java.nio.charset.StandardCharsets.UTF_8)).await())
        .isEqualTo(1);
    assertThat(recall.forTurn(agent, "alice@hub.test", "What's the wifi password?").await().section())
        .contains("orange-falcon");
    assertThat(failure(() -> client.addDocument(alice.id(), agent.id(), "x.png", "image/png", new byte[] {1, 2})
        .await())).satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.INVALID));
  }

  @Test
  void deleting_an_agent_makes_its_memories_unrecallable_and_the_sweep_removes_them_after_the_retention_period()
      throws SQLException {
    Agent agent = agent(alice, LONG_TERM);
    client.remember(alice.id(), agent.id(), "The spare key is under the blue flowerpot.").await();
    assertThat(recall.forTurn(agent, "alice@hub.test", "Where is the spare key?").await().used()).hasSize(1);
    agents.softDelete(alice.id(), agent.id()).await();
    assertThat(recall.forTurn(agent, "alice@hub.test", "Where is the spare key?").await().used()).isEmpty();

    Clock clock = Clock.systemUTC();
    assertThat(new RetentionJob(memories, Duration.ofDays(30), clock).sweep().await()).isZero();
    assertThat(rows(agent)).isEqualTo(1);
    Clock later = Clock.offset(clock, Duration.ofDays(31));
    assertThat(new RetentionJob(memories, Duration.ofDays(30), later).sweep().await()).isGreaterThanOrEqualTo(1L);
    assertThat(rows(agent)).isZero();
  }

  @Test
  void the_event_bus_refuses_a_malformed_request_by_name() {
    assertThat(failure(() -> vertx.eventBus().request(MemoryBus.ADDRESS, new JsonObject().put("action", "list"))
        .recover(e -> io.vertx.core.Future.failedFuture(new MemoryFailure(Kind.INVALID, e.getMessage()))).await()))
        .satisfies(f -> assertThat(f.getMessage()).contains("bad memory request"));
  }

  private static long rows(Agent agent) throws SQLException {
    try (Connection c = db.adminJdbc(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT count(*) FROM agent_memories WHERE agent_id = '" + agent.id() + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonObject policy(boolean loopbackAllowed) {
    JsonObject p = new JsonObject().put("allowed_domains", new JsonArray().add("127.0.0.1"))
        .put("max_response_bytes", 20_000);
    return loopbackAllowed ? p.put("allowed_addresses", new JsonArray().add("127.0.0.1/32")) : p;
  }

  private static Agent agent(User owner, JsonObject memoryConfig) {
    return agents.create(owner.id(), new NewAgent(new JsonObject().put("name", "memo"), null, null, memoryConfig,
        null, Visibility.PRIVATE)).await();
  }

  private static MemoryFailure failure(Runnable call) {
    try {
      call.run();
    } catch (MemoryFailure f) {
      return f;
    }
    throw new AssertionError("expected a MemoryFailure");
  }
}

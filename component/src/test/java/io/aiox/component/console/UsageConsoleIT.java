package io.aiox.component.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.ChatOwner;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The console's usage and audit routes (docs/console.md, "Usage, governance and alerts" and "Audit") on a hub that
 * runs real turns against a scripted OpenAI-compatible model: the numbers are those PostgreSQL and Redis hold, an
 * owner near a limit is told once over XMPP, the chain verifies until a row is changed, and one owner never sees
 * another's numbers.
 */
@ExtendWith(RealServers.class)
class UsageConsoleIT {
  private static final TrustingTestAuth AUTH = new TrustingTestAuth();
  /** 1200 characters: the scripted model reports 300 completion and 50 prompt tokens for it. */
  private static final String LONG = "x".repeat(1_200);
  private static final int TURN_TOKENS = ScriptedToolModel.PROMPT_TOKENS + 300;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestServers servers;
  private static String database;
  private static ScriptedToolModel model;
  private static Hub hub;
  private static ChatOwner alice;
  private static ChatOwner bob;
  private static User carol;
  private static User root;
  private static AgentRepository agents;
  private static String serviceJid;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    model = ScriptedToolModel.start(body -> new Answer(ScriptedToolModel.lastUserText(body).startsWith("long")
        ? LONG : "ok"));
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    config.put("inference", new JsonObject().put("default_model", "scripted").put("models", new JsonObject()
        .put("scripted", new JsonObject().put("provider", "openai").put("base_url", model.baseUrl())
            .put("model", "m").put("slots", 2).put("timeout_seconds", 30))));
    config.getJsonObject("web").put("prices", new JsonObject().put("currency", "EUR").put("models", new JsonObject()
            .put("scripted", new JsonObject().put("input_per_million", 2).put("output_per_million", 10))))
        .put("alerts", new JsonObject().put("ratio", 0.8).put("sweep_seconds", 1));
    hub = Hub.start(HubConfig.fromJson(config), AUTH, AUTH);
    AUTH.users(new io.aiox.schema.user.UserRepository(hub.database().ownerScope()));
    alice = ChatOwner.register(hub, ejabberd, "alice");
    bob = ChatOwner.register(hub, ejabberd, "bob");
    UserRepository users = new UserRepository(hub.database().ownerScope());
    carol = users.create("carol-" + UUID.randomUUID().toString().substring(0, 8), "carol@example.test").await();
    root = users.create("root-" + UUID.randomUUID().toString().substring(0, 8), "root@example.test").await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
    serviceJid = ejabberd.componentDomain();
  }

  @AfterAll
  static void stop() {
    alice.xmpp().disconnect();
    bob.xmpp().disconnect();
    hub.close();
    model.close();
  }

  @Test
  void an_owner_near_a_day_limit_is_told_once_and_the_numbers_are_those_the_stores_hold() throws Exception {
    // 430 tokens a day for this agent: one long answer (350 tokens) passes 80 %, the next message is refused
    Agent agent = agent(alice.user(), "Spender", new JsonObject().put("max_tokens_per_day", 430));
    EntityBareJid jid = JidCreate.entityBareFrom(agent.jid().toString());
    try (StanzaCollector notices = alice.xmpp().createStanzaCollector(
        FromMatchesFilter.createBare(JidCreate.domainBareFrom(serviceJid)))) {
      assertThat(AgentChat.ask(alice.xmpp(), jid, "long one", Duration.ofSeconds(30)).getBody()).isEqualTo(LONG);
      Message refused = AgentChat.ask(alice.xmpp(), jid, "long two", Duration.ofSeconds(30));
      assertThat(refused.getType()).isEqualTo(Message.Type.error);

      Message alert = nextChat(notices, Duration.ofSeconds(20));
      assertThat(alert).as("an alert from the agents service").isNotNull();
      assertThat(alert.getBody()).contains("Your agent Spender has used " + TURN_TOKENS + " of 430 tokens per day");
      assertThat(alert.hasExtension("alert", "urn:aiox:usage:0")).isTrue();
      Thread.sleep(3_000); // three more sweeps
      assertThat(nextChat(notices, Duration.ofSeconds(1))).as("no second alert in the same day").isNull();
    }
    JsonArray alerts = get(alice.user(), "/api/alerts").getJsonArray("alerts");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.getJsonObject(0).getString("limit_key")).isEqualTo("max_tokens_per_day");
    assertThat(alerts.getJsonObject(0).getLong("used")).isEqualTo(TURN_TOKENS);

    JsonObject usage = get(alice.user(), "/api/usage?days=7");
    long[] stored = sql("SELECT sum(prompt_tokens + completion_tokens), count(*), sum(prompt_tokens),"
        + " sum(completion_tokens) FROM executions WHERE agent_id = '" + agent.id() + "'");
    JsonObject day = usage.getJsonArray("days").stream().map(JsonObject.class::cast)
        .filter(d -> d.getString("agent_id").equals(agent.id().toString())).findFirst().orElseThrow();
    assertThat(day.getLong("tokens")).isEqualTo(stored[0]).isEqualTo(TURN_TOKENS);
    assertThat(day.getLong("turns")).isEqualTo(stored[1]);
    assertThat(day.getString("agent_name")).isEqualTo("Spender");
    long exceeded = sql("SELECT count(*) FROM audit_logs WHERE owner_user_id = '" + alice.user().id()
        + "' AND event_type = 'quota.exceeded'")[0];
    assertThat(refusal(usage, "quota.exceeded")).isEqualTo(exceeded).isPositive();
    JsonObject left = usage.getJsonArray("quota").stream().map(JsonObject.class::cast)
        .filter(q -> agent.id().toString().equals(q.getString("agent_id"))
            && q.getString("limit_key").equals("max_tokens_per_day")).findFirst().orElseThrow();
    assertThat(left.getLong("used")).as("Redis' day counter").isEqualTo(TURN_TOKENS);
    assertThat(left.getLong("remaining")).isEqualTo(430 - TURN_TOKENS);
    JsonObject cost = usage.getJsonObject("cost");
    assertThat(cost.getString("currency")).isEqualTo("EUR");
    long[] owner = sql("SELECT sum(prompt_tokens), sum(completion_tokens) FROM executions WHERE owner_user_id = '"
        + alice.user().id() + "' AND model = 'scripted' AND status IN ('completed', 'cancelled')");
    assertThat(cost.getDouble("total")).isEqualTo((owner[0] * 2 + owner[1] * 10) / 1e6);
    JsonObject worker = usage.getJsonArray("workers").getJsonObject(0);
    assertThat(worker.getString("model")).isEqualTo("scripted");
    assertThat(worker.getBoolean("healthy")).isTrue();
    assertThat(worker.getInteger("slots")).isEqualTo(2);
    assertThat(usage.getJsonObject("queue").getInteger("depth")).isZero();
  }

  @Test
  void latency_percentiles_and_cost_are_right_on_known_turns() throws Exception {
    Agent agent = agent(carol, "Measured", new JsonObject());
    ExecutionRepository executions = new ExecutionRepository(hub.database().ownerScope());
    for (int i = 1; i <= 100; i++) {
      UUID id = executions.start(carol.id(), agent.id(), "known-" + i, "someone@example.test", "hi").await()
          .orElseThrow();
      executions.finish(carol.id(), id, new ExecutionRepository.Outcome("completed", "ok", null, "openai",
          i % 2 == 0 ? "scripted" : "unpriced", 1_000, 2_000, new JsonObject(), i * 10)).await();
    }
    JsonObject usage = get(carol, "/api/usage?days=1");
    JsonObject scripted = byModel(usage.getJsonArray("latency"), "scripted");
    assertThat(scripted.getLong("turns")).isEqualTo(50);
    // the even turns: 20, 40, ..., 1000 ms; continuous percentiles interpolate between neighbours
    assertThat(scripted.getDouble("p50_ms")).isEqualTo(510.0);
    assertThat(scripted.getDouble("p99_ms")).isCloseTo(990.2, org.assertj.core.data.Offset.offset(1e-9));
    JsonObject cost = usage.getJsonObject("cost");
    assertThat(byModel(cost.getJsonArray("by_model"), "scripted").getDouble("cost"))
        .isEqualTo((50 * 1_000 * 2 + 50 * 2_000 * 10) / 1e6);
    assertThat(byModel(cost.getJsonArray("by_model"), "unpriced").getBoolean("priced")).isFalse();
    assertThat(cost.getDouble("total")).isEqualTo(1.1);
    assertThat(usage.getJsonArray("days").getJsonObject(0).getLong("turns")).isEqualTo(100);

    JsonObject all = get(root, "/api/usage?days=1&owner=all", true);
    assertThat(all.getString("owner")).isEqualTo("all");
    assertThat(byModel(all.getJsonArray("latency"), "unpriced").getLong("turns")).isEqualTo(50);
    assertThat(get(root, "/api/usage?days=1&owner=" + carol.id(), true).getJsonArray("days"))
        .isEqualTo(usage.getJsonArray("days"));
  }

  @Test
  void a_second_user_sees_none_of_the_first_users_numbers_and_cross_owner_asks_are_refused_and_audited()
      throws Exception {
    Agent agent = agent(alice.user(), "Private", new JsonObject());
    assertThat(AgentChat.ask(alice.xmpp(), JidCreate.entityBareFrom(agent.jid().toString()), "hello",
        Duration.ofSeconds(30)).getBody()).isEqualTo("ok");
    JsonObject mine = get(bob.user(), "/api/usage");
    assertThat(mine.getString("owner")).isEqualTo(bob.user().id().toString());
    assertThat(mine.getJsonArray("days")).isEmpty();
    assertThat(mine.getJsonArray("refusals")).isEmpty();
    assertThat(mine.getJsonArray("latency")).isEmpty();
    assertThat(get(bob.user(), "/api/audit").getJsonArray("entries")).isEmpty();

    HttpResponse<String> other = send(bob.user(), "/api/usage?owner=" + alice.user().id(), false);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("content-type")).contains("application/problem+json");
    HttpResponse<String> agentOfAlice = send(bob.user(), "/api/audit?agent=" + agent.id(), false);
    assertThat(agentOfAlice.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(agentOfAlice.body()).getString("type")).isEqualTo("urn:aiox:problem:not-found");
    assertThat(send(bob.user(), "/api/audit/verify?owner=" + alice.user().id(), false).statusCode()).isEqualTo(403);

    JsonArray denied = get(bob.user(), "/api/audit").getJsonArray("entries");
    assertThat(denied).hasSize(3).allSatisfy(e -> assertThat(((JsonObject) e).getString("event"))
        .isEqualTo("access.denied"));
    assertThat(denied.getJsonObject(1).getJsonObject("detail").getString("agent")).isEqualTo(agent.id().toString());
    assertThat(send(bob.user(), "/api/usage?days=0", false).statusCode()).isEqualTo(400);
    assertThat(HTTP.send(HttpRequest.newBuilder(url("/api/usage")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(401);
  }

  @Test
  void the_audit_chain_pages_newest_first_verifies_and_shows_a_break_after_a_row_is_changed() throws Exception {
    User dora = new UserRepository(hub.database().ownerScope()).create("dora-" + UUID.randomUUID().toString()
        .substring(0, 8), "dora@example.test").await();
    Agent agent = agent(dora, "Chained", new JsonObject());
    AuditLog audit = new AuditLog(hub.database().ownerScope());
    for (int i = 1; i <= 5; i++) {
      audit.append(new AuditEvent(dora.id(), i % 2 == 0 ? Optional.of(agent.id()) : Optional.empty(), "test.event",
          Severity.INFO, "tester", new JsonObject().put("i", i))).await();
    }
    JsonObject page = get(dora, "/api/audit?limit=2");
    assertThat(page.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getLong("seq"))).containsExactly(5L,
        4L);
    assertThat(page.getLong("next_before")).isEqualTo(4);
    assertThat(get(dora, "/api/audit?limit=2&before=4").getJsonArray("entries").getJsonObject(0).getLong("seq"))
        .isEqualTo(3);
    assertThat(get(dora, "/api/audit?agent=" + agent.id()).getJsonArray("entries")).hasSize(2);

    JsonObject intact = get(dora, "/api/audit/verify");
    assertThat(intact.getBoolean("intact")).isTrue();
    assertThat(intact.getLong("checked")).isEqualTo(5);
    try (Connection c = servers.postgres().adminConnection(database)) {
      c.createStatement().execute("SET session_replication_role = replica");
      try (PreparedStatement s = c.prepareStatement("UPDATE audit_logs SET details = '{\"i\": 99}'"
          + " WHERE owner_user_id = ? AND seq = 3")) {
        s.setObject(1, dora.id().value());
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
    }
    JsonObject broken = get(dora, "/api/audit/verify");
    assertThat(broken.getBoolean("intact")).isFalse();
    assertThat(broken.getJsonArray("breaks").getJsonObject(0).getLong("seq")).isEqualTo(3);
    assertThat(broken.getJsonArray("breaks").getJsonObject(0).getString("reason")).isEqualTo("hash-mismatch");
    assertThat(get(root, "/api/audit/verify?owner=" + dora.id(), true).getBoolean("intact")).isFalse();
  }

  private static Agent agent(User owner, String name, JsonObject governance) {
    return agents.create(owner.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("max_tokens", 320), new JsonObject(), new JsonObject(), governance,
        Visibility.PRIVATE)).await();
  }

  private static long refusal(JsonObject usage, String reason) {
    return usage.getJsonArray("refusals").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("reason").equals(reason)).mapToLong(r -> r.getLong("count")).findFirst().orElse(0);
  }

  private static JsonObject byModel(JsonArray list, String model) {
    return list.stream().map(JsonObject.class::cast).filter(m -> m.getString("model").equals(model)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + model + " in " + list));
  }

  private static Message nextChat(StanzaCollector collector, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Message m = collector.nextResult(200);
      if (m != null && m.getBody() != null) {
        return m;
      }
    }
    return null;
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + hub.consolePort() + path);
  }

  private static JsonObject get(User who, String path) throws Exception {
    return get(who, path, false);
  }

  private static JsonObject get(User who, String path, boolean admin) throws Exception {
    HttpResponse<String> r = send(who, path, admin);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> send(User who, String path, boolean admin) throws Exception {
    AUTH.setRole(who.id(), admin ? io.aiox.web.auth.Role.ADMIN : io.aiox.web.auth.Role.USER);
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).header(TrustingTestAuth.HEADER, who.username());
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long[] sql(String query) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); ResultSet rs = c.createStatement()
        .executeQuery(query)) {
      rs.next();
      int n = rs.getMetaData().getColumnCount();
      List<Long> out = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        out.add(rs.getLong(i));
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    }
  }
}

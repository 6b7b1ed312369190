package io.aiox.component.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentRows;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.policy.quota.Limit;
import io.aiox.policy.quota.QuotaScope;
import io.aiox.policy.quota.Quotas;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.aiox.testkit.llm.ScriptedToolModel.Call;
import io.aiox.testkit.llm.ScriptedToolModel.Calls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The console's OpenAI-compatible endpoint and approvals inbox against a real hub (ejabberd, PostgreSQL, Redis and
 * the inference verticle; the model is the scripted OpenAI-wire fixture), driven by the official {@code openai} npm
 * client: a turn from the API is an XMPP chat turn (quota, execution, audit, tools and approvals, rfc sections 6-9),
 * and the owner decides a waiting tool call over HTTP under the rules of section 9.4.
 */
@ExtendWith(RealServers.class)
class ConsoleTurnsIT {
  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static HubConfig config;
  private static ScriptedToolModel model;
  private static Vertx webVertx;
  private static HttpServer web;
  private static int webPort;
  private static final AtomicInteger hits = new AtomicInteger();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static AgentRepository agents;
  private static User ann;
  private static User bob;
  private static String annToken;
  private static String bobToken;
  private static String annKey;
  private static String bobKey;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    webVertx = Vertx.vertx();
    web = webVertx.createHttpServer().requestHandler(req -> {
      hits.incrementAndGet();
      req.response().end("the report is ready");
    }).listen(0, "127.0.0.1").await();
    webPort = web.actualPort();
    model = ScriptedToolModel.start(ConsoleTurnsIT::script);
    JsonObject json = TestHubConfig.json(servers);
    database = json.getJsonObject("database").getString("database");
    json.put("inference", new JsonObject().put("default_model", "scripted")
        .put("models", new JsonObject().put("scripted", new JsonObject().put("provider", "openai")
            .put("base_url", model.baseUrl()).put("model", "scripted").put("timeout_seconds", 60))));
    config = HubConfig.fromJson(json);
    hub = Hub.start(config);
    agents = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain());
    ann = user("ann");
    bob = user("bob");
    annToken = ConsoleLogin.accessToken(hub, ann.username(), "pw-" + ann.username());
    bobToken = ConsoleLogin.accessToken(hub, bob.username(), "pw-" + bob.username());
    annKey = ConsoleLogin.apiKey(hub, annToken, "tests");
    bobKey = ConsoleLogin.apiKey(hub, bobToken, "tests");
  }

  @AfterAll
  static void stop() {
    hub.close();
    model.close();
    webVertx.close().await();
  }

  /** Answers "you said: TEXT"; "fetch PATH" asks for http_request on the test's web server, then says its result. */
  private static ScriptedToolModel.Step script(JsonObject body) {
    String user = ScriptedToolModel.lastUserText(body);
    if (ScriptedToolModel.afterTool(body)) {
      return new Answer("tool said: " + ScriptedToolModel.lastToolResult(body));
    }
    if (body.containsKey("tools") && user.startsWith("fetch ")) {
      return new Calls(List.of(new Call("http_request",
          new JsonObject().put("url", "http://127.0.0.1:" + webPort + user.substring(6)).encode())));
    }
    return new Answer("you said: " + user);
  }

  private static User user(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    servers.ejabberd().register(name, "pw-" + name);
    return new UserRepository(hub.database().ownerScope()).create(name, name + "@" + servers.ejabberd().domain())
        .await();
  }

  private static Agent agent(User owner, JsonObject governance) {
    return agents.create(owner.id(), new NewAgent(new JsonObject().put("name", "Helper"),
        new JsonObject().put("model", "scripted").put("max_tokens", 64), new JsonObject(), new JsonObject(),
        governance, Visibility.PRIVATE)).await();
  }

  private static Agent toolAgent(User owner, int approvalSeconds) {
    Agent a = agent(owner, new JsonObject());
    new AgentToolRepository(hub.database().ownerScope()).enable(owner.id(), a.id(), "http_request",
        new JsonObject().put("allowed_domains", new JsonArray().add("127.0.0.1"))
            .put("allowed_addresses", new JsonArray().add("127.0.0.1")).put("requires_approval", true)
            .put("approval_timeout_seconds", approvalSeconds)).await();
    return a;
  }

  private static OpenAiClient client(String token) {
    return new OpenAiClient(hub.consolePort(), token);
  }

  @Test
  void the_openai_client_gets_a_plain_answer_and_the_turn_is_counted_and_recorded() throws Exception {
    Agent agent = agent(ann, new JsonObject());
    assertThat(client(annKey).models().getJsonArray("ids")).contains(agent.id().toString());
    long before = dayTokensUsed(agent);

    JsonObject answer = client(annKey).plain(agent.id().toString(), "hello there");

    assertThat(answer.getString("content")).as(answer.encode()).isEqualTo("you said: hello there");
    assertThat(answer.getString("object")).isEqualTo("chat.completion");
    assertThat(executions(agent)).as("the turn's execution record").containsExactly("completed");
    long after = poll(() -> dayTokensUsed(agent), used -> used > before);
    assertThat(after).as("the owner's tokens today went up").isGreaterThan(before);
  }

  @Test
  void the_openai_client_gets_a_streamed_answer_from_an_agent_named_by_its_jid() {
    Agent agent = agent(ann, new JsonObject());

    JsonObject answer = client(annKey).streamed(agent.jid().toString(), "stream this");

    assertThat(answer.getString("content")).as(answer.encode()).isEqualTo("you said: stream this");
    assertThat(answer.getJsonArray("objects").stream().map(String::valueOf).toList())
        .containsExactly("chat.completion.chunk");
    assertThat(answer.getInteger("chunks")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a_spent_quota_comes_back_as_an_error_with_the_hubs_text() throws Exception {
    // A turn larger than a whole limit may run alone (rfc section 8), so the first turn spends the limit.
    Agent agent = agent(ann, new JsonObject().put("max_tokens_per_minute", 100));
    assertThat(client(annKey).plain(agent.id().toString(), "hello").getString("content")).isNotNull();

    JsonObject result = client(annKey).plain(agent.id().toString(), "and again");
    JsonObject refused = result.getJsonObject("error");

    assertThat(refused).as("an error, not an answer: " + result.encode()).isNotNull();
    assertThat(refused.getInteger("status")).isEqualTo(429);
    assertThat(refused.getString("message")).contains("tokens per minute limit (100)");
    assertThat(poll(() -> audit(agent), t -> t.contains("quota.exceeded"))).contains("quota.exceeded");
  }

  @Test
  void another_users_agent_is_not_found_and_the_attempt_is_audited() throws Exception {
    Agent annsAgent = agent(ann, new JsonObject());

    JsonObject refused = client(bobKey).plain(annsAgent.id().toString(), "hello").getJsonObject("error");

    assertThat(refused).isNotNull();
    assertThat(refused.getInteger("status")).isEqualTo(404);
    assertThat(client(bobKey).models().getJsonArray("ids")).doesNotContain(annsAgent.id().toString());
    assertThat(poll(() -> audit(annsAgent), t -> t.contains("access.denied"))).contains("access.denied");
    assertThat(executions(annsAgent)).isEmpty();
  }

  @Test
  void approving_from_the_api_runs_the_tool_call_and_the_turn_answers() throws Exception {
    Agent agent = toolAgent(ann, 60);
    int before = hits.get();
    CompletableFuture<JsonObject> turn = CompletableFuture.supplyAsync(
        () -> client(annKey).plain(agent.id().toString(), "fetch /report"));
    JsonObject waiting = waitingCall(annToken, agent, turn);
    assertThat(waiting.getString("tool")).isEqualTo("http_request");
    assertThat(waiting.getString("agent_name")).isEqualTo("Helper");
    assertThat(waiting.getJsonObject("arguments").getString("url")).endsWith("/report");
    String id = waiting.getString("id");

    assertThat(list(bobToken).getJsonArray("approvals")).as("a stranger sees none of it").isEmpty();
    HttpResponse<String> stranger = decide(bobToken, id, "approve");
    assertThat(stranger.statusCode()).as("a stranger cannot decide").isEqualTo(404);
    assertThat(stranger.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(hits.get()).isEqualTo(before);

    HttpResponse<String> approved = decide(annToken, id, "approve");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(new JsonObject(approved.body()).getString("outcome")).startsWith("Approved");
    JsonObject answer = turn.get(60, TimeUnit.SECONDS);
    assertThat(answer.getString("content")).as(answer.encode()).contains("the report is ready");
    assertThat(hits.get()).isEqualTo(before + 1);
    assertThat(decide(annToken, id, "approve").statusCode()).as("a decision is applied once").isEqualTo(404);
    assertThat(audit(agent)).contains("access.denied", "tool.allowed", "tool.approved", "tool.executed");
  }

  @Test
  void denying_from_the_api_turns_into_the_models_text_about_the_refusal() throws Exception {
    Agent agent = toolAgent(ann, 60);
    int before = hits.get();
    CompletableFuture<JsonObject> turn = CompletableFuture.supplyAsync(
        () -> client(annKey).plain(agent.id().toString(), "fetch /secret"));
    String id = waitingCall(annToken, agent, turn).getString("id");

    HttpResponse<String> denied = decide(annToken, id, "deny");

    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
    assertThat(new JsonObject(denied.body()).getString("decision")).isEqualTo("denied");
    JsonObject answer = turn.get(60, TimeUnit.SECONDS);
    assertThat(answer.getString("content")).as(answer.encode()).startsWith("tool said: ").containsIgnoringCase("denied");
    assertThat(hits.get()).isEqualTo(before);
  }

  private static JsonObject waitingCall(String token, Agent agent, CompletableFuture<JsonObject> turn)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (Object o : list(token).getJsonArray("approvals")) {
        JsonObject call = (JsonObject) o;
        if (agent.id().toString().equals(call.getString("agent_id"))) {
          return call;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no call of " + agent.id() + " waited for approval; the turn: "
        + (turn.isDone() ? turn.join().encode() : "still running") + "; audit: " + audit(agent));
  }

  private static JsonObject list(String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.consolePort()
        + "/api/approvals")).header("authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> decide(String token, String id, String decision) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.consolePort() + "/api/approvals/"
            + id)).header("authorization", "Bearer " + token).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("decision", decision).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long dayTokensUsed(Agent agent) {
    Redis redis = Redis.createClient(hub.vertx(), servers.redis().uri());
    try {
      return new Quotas(hub.vertx(), redis, new QuotaRepository(hub.database().ownerScope()), config.quota())
          .status(agent.owner(), agent.id(), agent.governance()).await()
          .usage(QuotaScope.USER, Limit.TOKENS_PER_DAY).orElseThrow().used();
    } finally {
      redis.close();
    }
  }

  private static List<String> audit(Agent agent) throws Exception {
    return AgentRows.auditTypes(servers, database, JidCreate.entityBareFrom(agent.jid().toString()));
  }

  private static List<String> executions(Agent agent) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT status FROM executions WHERE agent_id = ? ORDER BY created_at")) {
      q.setObject(1, agent.id().value());
      ResultSet rs = q.executeQuery();
      List<String> statuses = new java.util.ArrayList<>();
      while (rs.next()) {
        statuses.add(rs.getString(1));
      }
      return statuses;
    }
  }

  private interface Check<T> {
    T get() throws Exception;
  }

  private static <T> T poll(Check<T> read, java.util.function.Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      value = read.get();
    }
    return value;
  }
}

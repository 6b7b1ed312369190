package io.aiox.component.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.FixtureWorker;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.RedisServer;
import io.aiox.testkit.TestServers;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.Turns;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The hub's metrics and health listener against real servers: a chat moves the {@code aiox_*} counters and the
 * exposition passes {@code promtool check metrics}; readiness is 200 with every dependency up and 503 naming the
 * one that is down. The hub has a Redis of its own so that stopping it disturbs no other test; an echo consumer
 * answers turns and reports 150 prompt and 100 completion tokens.
 */
@ExtendWith(RealServers.class)
class ObservabilityIT {
  private static final int PROMPT_TOKENS = 150;
  private static final int COMPLETION_TOKENS = 100;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestServers servers;
  private static RedisServer redis;
  private static Hub hub;

  @BeforeAll
  static void start(TestServers s) {
    servers = s;
    redis = RedisServer.start(ProjectRoot.get(), servers.dir().resolve("redis-observability-it"));
    JsonObject config = TestHubConfig.json(servers);
    config.getJsonObject("redis").put("uri", redis.uri());
    hub = Hub.start(HubConfig.fromJson(config));
    FixtureWorker.answer(hub, turn -> TurnReply.counted("echo: " + turn.body(), null, null, PROMPT_TOKENS,
        COMPLETION_TOKENS));
  }

  @AfterAll
  static void stop() {
    hub.close();
    redis.close();
  }

  @Test
  void a_chat_moves_the_turn_token_latency_and_refusal_metrics_and_the_exposition_passes_promtool() throws Exception {
    EjabberdServer ejabberd = servers.ejabberd();
    XMPPTCPConnection owner = ejabberd.newUser("watcher");
    try {
      User user = new UserRepository(hub.database().ownerScope())
          .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
      EntityBareJid open = agent(user, "Counted", new JsonObject());
      EntityBareJid frugal = agent(user, "Frugal", new JsonObject().put("max_tokens_per_minute", 300));
      Exposition before = scrape();

      assertThat(AgentChat.ask(owner, open, "hello", Duration.ofSeconds(30)).getBody()).isEqualTo("echo: hello");
      assertThat(AgentChat.ask(owner, frugal, "one", Duration.ofSeconds(30)).getBody()).isEqualTo("echo: one");
      Message refused = AgentChat.ask(owner, frugal, "two", Duration.ofSeconds(30));
      assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);

      Exposition after = scrape();
      assertThat(moved(before, after, "aiox_turns_total", "outcome=\"answered\"")).isEqualTo(2);
      assertThat(moved(before, after, "aiox_turns_total", "outcome=\"refused\"")).isEqualTo(1);
      assertThat(moved(before, after, "aiox_tokens_used_total", "kind=\"prompt\"")).isEqualTo(2 * PROMPT_TOKENS);
      assertThat(moved(before, after, "aiox_tokens_used_total", "kind=\"completion\""))
          .isEqualTo(2 * COMPLETION_TOKENS);
      assertThat(moved(before, after, "aiox_latency_seconds_count", "operation=\"turn\"")).isEqualTo(2);
      assertThat(moved(before, after, "aiox_latency_seconds_count", "operation=\"quota\"")).isEqualTo(3);
      assertThat(moved(before, after, "aiox_worker_request_duration_seconds_count", "method=\"turn\"",
          "status=\"ok\"")).isEqualTo(2);
      assertThat(moved(before, after, "aiox_quota_refusals_total", "limit=\"max_tokens_per_minute\"",
          "scope=\"agent\"")).isEqualTo(1);
      assertThat(moved(before, after, "aiox_policy_violations_total", "violation_type=\"quota_exceeded\""))
          .isEqualTo(1);
      // the store counts are read at most once a second, so a scrape may show the previous second's figures
      Exposition counted = after;
      for (int i = 0; i < 30 && counted.value("aiox_agents_live") != 2; i++) {
        Thread.sleep(200);
        counted = scrape();
      }
      assertThat(counted.value("aiox_agent_creations_total")).as("this hub's fresh database holds our two")
          .isEqualTo(2);
      assertThat(counted.value("aiox_agents_live")).isEqualTo(2);
      assertThat(after.value("jvm_memory_used_bytes")).as("the JVM's meters").isPositive();
      assertThat(after.text()).as("Vert.x's meters, the turn address by name")
          .contains("vertx_eventbus_").contains("address=\"" + Turns.ADDRESS + "\"");
      assertThat(after.promtoolProblems()).as("promtool check metrics").isEmpty();
    } finally {
      owner.disconnect();
    }
  }

  @Test
  void metrics_are_served_in_the_prometheus_text_format() throws Exception {
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body()).contains("# TYPE aiox_turns_total counter")
        .contains("# TYPE aiox_latency_seconds histogram");
  }

  @Test
  void live_is_200_and_ready_is_200_with_every_check_up() throws Exception {
    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("up");

    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject body = new JsonObject(ready.body());
    assertThat(body.getString("status")).isEqualTo("up");
    assertThat(body.getJsonObject("checks").fieldNames()).containsExactly("xmpp", "postgres", "redis");
    body.getJsonObject("checks").forEach(c -> assertThat(((JsonObject) c.getValue()).getString("status"))
        .as(c.getKey()).isEqualTo("up"));
  }

  @Test
  void ready_is_503_naming_redis_while_redis_is_down() throws Exception {
    redis.stop();
    try {
      HttpResponse<String> ready = get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.headers().firstValue("content-type")).hasValue("application/problem+json");
      JsonObject problem = new JsonObject(ready.body());
      assertThat(problem.getString("type")).isEqualTo("urn:aiox:problem:not-ready");
      assertThat(problem.getInteger("status")).isEqualTo(503);
      assertThat(problem.getString("detail")).contains("redis: Redis at " + redis.uri() + " does not answer");
      assertThat(problem.getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("down");
      assertThat(problem.getJsonObject("checks").getJsonObject("postgres").getString("status")).isEqualTo("up");
      assertThat(get("/health/live").statusCode()).as("the process itself is fine").isEqualTo(200);
    } finally {
      redis.restart();
    }
    assertThat(awaitReady(r -> r.statusCode() == 200, Duration.ofSeconds(20)).statusCode()).isEqualTo(200);
  }

  @Test
  void ready_is_503_naming_the_xmpp_link_while_ejabberd_is_down() throws Exception {
    EjabberdServer ejabberd = servers.ejabberd();
    ejabberd.stop();
    try {
      HttpResponse<String> ready = awaitReady(r -> r.statusCode() == 503, Duration.ofSeconds(20));
      assertThat(ready.statusCode()).isEqualTo(503);
      JsonObject problem = new JsonObject(ready.body());
      assertThat(problem.getString("detail")).contains("xmpp: the component link to 127.0.0.1:"
          + ejabberd.componentPort() + " is not connected");
      assertThat(problem.getJsonObject("checks").getJsonObject("xmpp").getString("status")).isEqualTo("down");
      assertThat(problem.getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("up");
    } finally {
      ejabberd.restart();
    }
    assertThat(awaitReady(r -> r.statusCode() == 200, Duration.ofSeconds(60)).statusCode())
        .as("the component reconnects").isEqualTo(200);
  }

  @Test
  void other_paths_and_methods_get_problem_documents() throws Exception {
    HttpResponse<String> missing = get("/nothing-here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(new JsonObject(missing.body()).getString("type")).isEqualTo("urn:aiox:problem:not-found");

    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/metrics"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(new JsonObject(post.body()).getString("type")).isEqualTo("urn:aiox:problem:method-not-allowed");
  }

  private static EntityBareJid agent(User user, String name, JsonObject governance) throws Exception {
    Agent a = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain())
        .create(user.id(), new NewAgent(new JsonObject().put("name", name), new JsonObject().put("max_tokens", 100),
            new JsonObject(), new JsonObject(), governance, Visibility.PRIVATE)).await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  private static double moved(Exposition before, Exposition after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  private static Exposition scrape() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return new Exposition(r.body());
  }

  private static HttpResponse<String> awaitReady(Predicate<HttpResponse<String>> wanted, Duration wait)
      throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    HttpResponse<String> r = get("/health/ready");
    while (!wanted.test(r) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = get("/health/ready");
    }
    return r;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + hub.observabilityPort() + path);
  }
}

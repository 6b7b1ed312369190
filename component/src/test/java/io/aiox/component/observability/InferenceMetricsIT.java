package io.aiox.component.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.inference.DemoModelFixture;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A hub that serves turns with real llama.cpp (the generated gemma3 model): the model gauge, per-model inference
 * time and the verticle's stages reach the exposition, and readiness reports the default model.
 */
@ExtendWith(RealServers.class)
class InferenceMetricsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void a_local_model_turn_is_timed_per_model_and_stage_and_readiness_includes_the_model(TestServers servers)
      throws Exception {
    JsonObject config = TestHubConfig.json(servers).put("inference", new JsonObject().put("default_model", "demo")
        .put("models", new JsonObject()
            .put("demo", new JsonObject().put("path", DemoModelFixture.model().toString()).put("context_size", 2048)
                .put("threads", 2).put("slots", 1).put("demo", true))
            .put("missing", new JsonObject().put("path", "/nonexistent/model.gguf"))));
    EjabberdServer ejabberd = servers.ejabberd();
    try (Hub hub = Hub.start(HubConfig.fromJson(config))) {
      XMPPTCPConnection owner = ejabberd.newUser("gauged");
      try {
        EntityBareJid agent = agent(hub, servers, owner);
        Message answer = AgentChat.ask(owner, agent, "Tell me about XMPP.", Duration.ofSeconds(60));
        assertThat(answer.getType()).isEqualTo(Message.Type.chat);
      } finally {
        owner.disconnect();
      }
      Exposition scrape = new Exposition(get(hub, "/metrics").body());
      assertThat(scrape.value("aiox_model_loaded", "model=\"demo\"", "provider=\"local\"")).isEqualTo(1);
      assertThat(scrape.value("aiox_model_loaded", "model=\"missing\"")).isZero();
      assertThat(scrape.value("aiox_llm_inference_duration_seconds_count", "model=\"demo\"", "outcome=\"ok\""))
          .isEqualTo(1);
      for (String stage : new String[] {"admission", "recall", "inference", "first_token", "turn"}) {
        assertThat(scrape.value("aiox_latency_seconds_count", "operation=\"" + stage + "\"")).as(stage).isEqualTo(1);
      }
      assertThat(scrape.value("aiox_tokens_used_total", "kind=\"prompt\"")).as("counted by llama.cpp")
          .isGreaterThan(5);
      assertThat(scrape.promtoolProblems()).isEmpty();

      HttpResponse<String> ready = get(hub, "/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("model").getString("status"))
          .isEqualTo("up");
    }
  }

  @Test
  void a_hub_whose_default_model_did_not_load_is_not_ready_and_says_which(TestServers servers) throws Exception {
    JsonObject config = TestHubConfig.json(servers).put("inference", new JsonObject().put("default_model", "missing")
        .put("models", new JsonObject().put("missing", new JsonObject().put("path", "/nonexistent/model.gguf"))));
    try (Hub hub = Hub.start(HubConfig.fromJson(config))) {
      HttpResponse<String> ready = get(hub, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      JsonObject problem = new JsonObject(ready.body());
      assertThat(problem.getString("detail")).contains("model: the default model missing did not load")
          .contains("/nonexistent/model.gguf");
      assertThat(problem.getJsonObject("checks").getJsonObject("xmpp").getString("status")).isEqualTo("up");
    }
  }

  private static EntityBareJid agent(Hub hub, TestServers servers, XMPPTCPConnection owner) throws Exception {
    User user = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    Agent a = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain())
        .create(user.id(), new NewAgent(new JsonObject().put("name", "Gauged"), new JsonObject().put("model", "demo")
            .put("max_tokens", 8), null, null, null, Visibility.PRIVATE)).await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  private static HttpResponse<String> get(Hub hub, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.observabilityPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

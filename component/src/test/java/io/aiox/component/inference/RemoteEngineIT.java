package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.testkit.Ports;
import io.aiox.testkit.llm.GgufChatServer;
import io.aiox.testkit.llm.GgufChatServer.Failure;
import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.Completion;
import io.aiox.worker.inference.EngineFailure;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.inference.remote.RemoteEngine;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.model.ModelSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remote engines against a real HTTP model server (the testkit fixture serving the generated gemma3 GGUF
 * through llama.cpp): OpenAI-compatible and Anthropic streaming, usage, and how provider failures are sorted.
 */
class RemoteEngineIT {
  private static final String MODEL = "gemma3-test";
  private static Vertx vertx;
  private static GgufChatServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = GgufChatServer.start(DemoModelFixture.model(), MODEL, 2);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static RemoteEngine engine(String provider, String baseUrl, String model, int timeoutSeconds) {
    JsonObject spec = new JsonObject().put("provider", provider).put("base_url", baseUrl).put("model", model)
        .put("slots", 2).put("timeout_seconds", timeoutSeconds);
    if (provider.equals("anthropic")) {
      spec.put("api_key_env", "PATH"); // any variable that is set: the fixture server checks no key unless told to
    }
    ModelSpec s = ModelRegistry.fromJson(new JsonObject().put("models", new JsonObject().put("m", spec)))
        .get("m").orElseThrow();
    return RemoteEngine.create(vertx, s, 4);
  }

  private static RemoteEngine openai() {
    return engine("openai", server.baseUrl(), MODEL, 30);
  }

  private static ChatRequest ask(String text, int maxTokens) {
    return new ChatRequest("You are a test agent.", List.of(), text, new Sampling(0.7, maxTokens, 0.95, List.of()));
  }

  private static EngineFailure failure(RemoteEngine engine) {
    Throwable e = engine.complete(ask("hi", 4), t -> { }, new Cancellation()).toCompletionStage()
        .handle((ok, err) -> err).toCompletableFuture().join();
    assertThat(e).isInstanceOf(EngineFailure.class);
    return (EngineFailure) e;
  }

  @Test
  void openai_compatible_answers_stream_and_carry_the_servers_usage() throws Exception {
    List<String> pieces = new CopyOnWriteArrayList<>();
    Completion c = openai().complete(ask("Tell me about XMPP.", 16), pieces::add, new Cancellation())
        .await(60, TimeUnit.SECONDS);
    assertThat(pieces).as("streamed pieces").isNotEmpty();
    assertThat(c.text()).isEqualTo(String.join("", pieces).strip());
    assertThat(c.promptTokens()).isGreaterThan(5);
    assertThat(c.completionTokens()).isBetween(1, 16);
    assertThat(c.provider()).isEqualTo("openai " + server.baseUrl());
    JsonObject sent = server.requests().get(server.requests().size() - 1);
    assertThat(sent.getString("path")).isEqualTo("/v1/chat/completions");
    assertThat(sent.getBoolean("stream")).isTrue();
    assertThat(sent.getInteger("max_tokens", sent.getInteger("max_completion_tokens"))).isEqualTo(16);
    assertThat(sent.getJsonArray("messages").encode()).contains("You are a test agent.").contains("Tell me about XMPP.");
  }

  @Test
  void anthropic_answers_stream_and_carry_the_servers_usage() throws Exception {
    List<String> pieces = new CopyOnWriteArrayList<>();
    Completion c = engine("anthropic", server.baseUrl() + "/", MODEL, 30)
        .complete(ask("Tell me about Jabber.", 12), pieces::add, new Cancellation()).await(60, TimeUnit.SECONDS);
    assertThat(pieces).isNotEmpty();
    assertThat(c.promptTokens()).isGreaterThan(5);
    assertThat(c.completionTokens()).isBetween(1, 12);
    JsonObject sent = server.requests().get(server.requests().size() - 1);
    assertThat(sent.getString("path")).isEqualTo("/v1/messages");
    assertThat(sent.getString("system", sent.encode())).contains("You are a test agent.");
  }

  @Test
  void rate_limits_server_errors_and_unloaded_models_are_retriable() {
    server.failNext(Failure.status(429, "Rate limit reached"));
    EngineFailure limited = failure(openai());
    assertThat(limited.retriable()).isTrue();
    assertThat(limited.getMessage()).contains("429");

    server.failNext(Failure.status(503, "overloaded"));
    EngineFailure down = failure(openai());
    assertThat(down.retriable()).isTrue();
    assertThat(down.kind()).isEqualTo(EngineFailure.Kind.UNAVAILABLE);

    EngineFailure unknown = failure(engine("openai", server.baseUrl(), "no-such-model", 30));
    assertThat(unknown.retriable()).isTrue();
    assertThat(unknown.getMessage()).contains("not have the model loaded");
  }

  @Test
  void timeouts_and_unreachable_endpoints_are_retriable() {
    server.failNext(Failure.delay(4_000));
    EngineFailure slow = failure(engine("openai", server.baseUrl(), MODEL, 1));
    assertThat(slow.retriable()).isTrue();
    assertThat(slow.kind()).isIn(EngineFailure.Kind.TIMEOUT, EngineFailure.Kind.UNAVAILABLE);

    EngineFailure refused = failure(engine("openai", "http://127.0.0.1:" + Ports.free() + "/v1", MODEL, 5));
    assertThat(refused.retriable()).isTrue();
    assertThat(refused.getMessage()).contains("cannot reach").doesNotContain("Exception:");
  }

  @Test
  void bad_requests_and_refused_credentials_end_the_turn() {
    server.failNext(Failure.status(400, "max_tokens is too large"));
    EngineFailure bad = failure(openai());
    assertThat(bad.retriable()).isFalse();
    assertThat(bad.getMessage()).contains("refused the request");

    server.requireApiKey("the-right-key");
    try {
      EngineFailure auth = failure(openai());
      assertThat(auth.retriable()).isFalse();
      assertThat(auth.getMessage()).contains("credentials");
    } finally {
      server.requireApiKey(null);
    }
  }

  @Test
  void a_cancelled_turn_answers_at_once_with_what_it_had() throws Exception {
    Cancellation cancel = new Cancellation();
    List<String> pieces = new CopyOnWriteArrayList<>();
    var pending = openai().complete(ask("Write a very long story.", 2_000), p -> {
      pieces.add(p);
      if (pieces.size() == 3) {
        cancel.cancel("stopped by the peer");
      }
    }, cancel);
    Completion c = pending.await(30, TimeUnit.SECONDS);
    assertThat(c.cancelled()).isTrue();
    assertThat(c.text()).isNotEmpty();
  }

  @Test
  void an_anthropic_model_without_a_key_is_refused_at_configuration() {
    ModelSpec s = ModelRegistry.fromJson(new JsonObject().put("models", new JsonObject().put("m", new JsonObject()
        .put("provider", "anthropic").put("model", "claude")))).get("m").orElseThrow();
    assertThatThrownBy(() -> RemoteEngine.create(vertx, s, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api_key_env");
  }

  @Test
  void the_fixture_server_also_answers_without_streaming_in_the_openai_shape() throws Exception {
    String body = new JsonObject().put("model", MODEL).put("max_tokens", 6).put("messages", new io.vertx.core.json
        .JsonArray().add(new JsonObject().put("role", "user").put("content", "hello"))).encode();
    HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.baseUrl() + "/chat/completions")).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    JsonObject json = new JsonObject(res.body());
    assertThat(json.getString("object")).isEqualTo("chat.completion");
    assertThat(json.getJsonObject("usage").getInteger("completion_tokens")).isBetween(1, 6);
    assertThat(json.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("role"))
        .isEqualTo("assistant");
  }
}

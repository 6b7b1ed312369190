package io.aiox.testkit.llm;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Test fixture: a scripted OpenAI-compatible chat completions server that decides, from each request, whether the
 * "model" asks for tools or answers. It speaks the real wire format (JSON and server-sent events, {@code tool_calls}
 * deltas, usage) so that LangChain4j's real client parses it, and keeps every request body for the test to read
 * (what the hub put in the next prompt). It is not a model: the script is the test's.
 */
public final class ScriptedToolModel implements AutoCloseable {
  /** What the script answers to one request. */
  public sealed interface Step {}

  /** Ask for these calls (name and arguments JSON text, which need not be valid: a test may send a bad one). */
  public record Calls(List<Call> calls) implements Step {}

  /** One requested call. */
  public record Call(String name, String arguments) {}

  /** Answer with this text. */
  public record Answer(String text) implements Step {}

  /** Prompt tokens every reply reports; completion tokens are the length of what it says. */
  public static final int PROMPT_TOKENS = 50;

  private final Vertx vertx;
  private final HttpServer server;
  private final Function<JsonObject, Step> script;
  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();

  private ScriptedToolModel(Vertx vertx, HttpServer server, Function<JsonObject, Step> script) {
    this.vertx = vertx;
    this.server = server;
    this.script = script;
  }

  /** Listens on 127.0.0.1, a free port; {@code script} maps a request body to what the model does. */
  public static ScriptedToolModel start(Function<JsonObject, Step> script) {
    Vertx vertx = Vertx.vertx();
    HttpServer http = vertx.createHttpServer();
    ScriptedToolModel m = new ScriptedToolModel(vertx, http, script);
    http.requestHandler(m::handle);
    try {
      http.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the scripted model did not start", e);
    }
    return m;
  }

  /** The base URL an {@code openai} model points at. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  /** Every request body received, in order. */
  public List<JsonObject> requests() {
    return List.copyOf(requests);
  }

  /** The text of the messages of {@code role} ({@code tool}, {@code user}, ...) in request {@code i}. */
  public List<String> contents(int i, String role) {
    return requests.get(i).getJsonArray("messages").stream().map(JsonObject.class::cast)
        .filter(m -> role.equals(m.getString("role"))).map(m -> OpenAiWire.text(m.getValue("content"))).toList();
  }

  /** Whether the last message of a request is a tool result: the usual "answer now" cue for a script. */
  public static boolean afterTool(JsonObject body) {
    JsonArray messages = body.getJsonArray("messages");
    return "tool".equals(messages.getJsonObject(messages.size() - 1).getString("role"));
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(buffer -> {
      JsonObject body = buffer.toJsonObject();
      requests.add(body);
      Step step = script.apply(body);
      String id = "chatcmpl-" + UUID.randomUUID();
      if (body.getBoolean("stream", false)) {
        req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        for (JsonObject delta : deltas(step)) {
          req.response().write(event(chunk(id, delta, null)));
        }
        req.response().write(event(chunk(id, new JsonObject(), finish(step))));
        req.response().write(event(new JsonObject().put("id", id).put("object", "chat.completion.chunk")
            .put("choices", new JsonArray()).put("usage", usage(step))));
        req.response().end("data: [DONE]\n\n");
      } else {
        req.response().putHeader("content-type", "application/json").end(new JsonObject().put("id", id)
            .put("object", "chat.completion").put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("message", message(step)).put("finish_reason", finish(step)))).put("usage", usage(step))
            .encode());
      }
    });
  }

  private static List<JsonObject> deltas(Step step) {
    return switch (step) {
      case Answer a -> List.of(new JsonObject().put("role", "assistant").put("content", ""),
          new JsonObject().put("content", a.text()));
      case Calls c -> List.of(new JsonObject().put("role", "assistant").put("tool_calls", toolCalls(c, true)));
    };
  }

  private static JsonObject message(Step step) {
    return switch (step) {
      case Answer a -> new JsonObject().put("role", "assistant").put("content", a.text());
      case Calls c -> new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", toolCalls(c, false));
    };
  }

  private static JsonArray toolCalls(Calls c, boolean indexed) {
    JsonArray calls = new JsonArray();
    for (int i = 0; i < c.calls().size(); i++) {
      Call call = c.calls().get(i);
      JsonObject json = new JsonObject().put("id", "call_" + i + "_" + UUID.randomUUID().toString().substring(0, 8))
          .put("type", "function").put("function", new JsonObject().put("name", call.name())
              .put("arguments", call.arguments()));
      calls.add(indexed ? json.put("index", i) : json);
    }
    return calls;
  }

  private static String finish(Step step) {
    return step instanceof Calls ? "tool_calls" : "stop";
  }

  private static JsonObject usage(Step step) {
    int completion = switch (step) {
      case Answer a -> Math.max(1, a.text().length() / 4);
      case Calls c -> 10 * c.calls().size();
    };
    return new JsonObject().put("prompt_tokens", PROMPT_TOKENS).put("completion_tokens", completion)
        .put("total_tokens", PROMPT_TOKENS + completion);
  }

  private static JsonObject chunk(String id, JsonObject delta, String finish) {
    return new JsonObject().put("id", id).put("object", "chat.completion.chunk").put("choices", new JsonArray()
        .add(new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finish)));
  }

  private static String event(JsonObject data) {
    return "data: " + data.encode() + "\n\n";
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}

package io.aiox.testkit.llm;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Test fixture: a scripted chat server that decides, from each request, whether the "model" asks for tools or
 * answers. It speaks the real wire formats so that LangChain4j's real clients parse it: OpenAI-compatible chat
 * completions ({@code /v1/chat/completions}: JSON and server-sent events, {@code tool_calls} deltas, usage) and
 * Anthropic messages ({@code /v1/messages}: named events, {@code tool_use} blocks with {@code input_json_delta}). It
 * keeps every request body for the test to read (what the hub put in the next prompt). It is not a model: the
 * script is the test's.
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
  private volatile long delayMillis;

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
    return lastToolResult(body) != null;
  }

  /**
   * The text of the tool result that ends the request (OpenAI: a {@code tool} message; Anthropic: a user message
   * of {@code tool_result} blocks), or null when it does not end with one.
   */
  public static String lastToolResult(JsonObject body) {
    JsonArray messages = body.getJsonArray("messages");
    JsonObject last = messages.getJsonObject(messages.size() - 1);
    if ("tool".equals(last.getString("role"))) {
      return OpenAiWire.text(last.getValue("content"));
    }
    if (last.getValue("content") instanceof JsonArray blocks) {
      for (Object b : blocks) {
        if (b instanceof JsonObject block && "tool_result".equals(block.getString("type"))) {
          return OpenAiWire.text(block.getValue("content"));
        }
      }
    }
    return null;
  }

  /** The text of the last user message that is not a tool result, in either wire format. */
  public static String lastUserText(JsonObject body) {
    String last = "";
    for (Object o : body.getJsonArray("messages")) {
      JsonObject m = (JsonObject) o;
      if ("user".equals(m.getString("role"))) {
        Object content = m.getValue("content");
        boolean result = content instanceof JsonArray a && a.stream().anyMatch(b -> b instanceof JsonObject j
            && "tool_result".equals(j.getString("type")));
        if (!result) {
          last = OpenAiWire.text(content);
        }
      }
    }
    return last;
  }

  /**
   * Answers each request {@code delay} after it arrives instead of at once, as a model that takes time to write
   * would (requests keep arriving meanwhile): for tests that need turns in flight.
   */
  public ScriptedToolModel withDelay(Duration delay) {
    this.delayMillis = delay.toMillis();
    return this;
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(buffer -> {
      if (delayMillis > 0) {
        vertx.setTimer(delayMillis, id -> answer(req, buffer));
      } else {
        answer(req, buffer);
      }
    });
  }

  private void answer(HttpServerRequest req, Buffer buffer) {
    JsonObject body = buffer.toJsonObject();
    requests.add(body);
    Step step = script.apply(body);
    if (req.path().endsWith("/messages")) {
      anthropic(req, body, step);
      return;
    }
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
  }

  /** The Anthropic messages stream: one text block, or one tool_use block per call, then the stop reason. */
  private static void anthropic(HttpServerRequest req, JsonObject body, Step step) {
    String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
    StringBuilder out = new StringBuilder(named("message_start", new JsonObject().put("type", "message_start")
        .put("message", new JsonObject().put("id", id).put("type", "message").put("role", "assistant")
            .put("content", new JsonArray()).put("model", body.getString("model")).putNull("stop_reason")
            .put("usage", new JsonObject().put("input_tokens", PROMPT_TOKENS).put("output_tokens", 1)))));
    List<JsonObject[]> blocks = new java.util.ArrayList<>();
    switch (step) {
      case Answer a -> blocks.add(new JsonObject[] {new JsonObject().put("type", "text").put("text", ""),
          new JsonObject().put("type", "text_delta").put("text", a.text())});
      case Calls c -> c.calls().forEach(call -> blocks.add(new JsonObject[] {new JsonObject().put("type", "tool_use")
          .put("id", "toolu_" + UUID.randomUUID().toString().substring(0, 12)).put("name", call.name())
          .put("input", new JsonObject()), new JsonObject().put("type", "input_json_delta")
          .put("partial_json", call.arguments())}));
    }
    for (int i = 0; i < blocks.size(); i++) {
      out.append(named("content_block_start", new JsonObject().put("type", "content_block_start").put("index", i)
          .put("content_block", blocks.get(i)[0])));
      out.append(named("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", i)
          .put("delta", blocks.get(i)[1])));
      out.append(named("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", i)));
    }
    out.append(named("message_delta", new JsonObject().put("type", "message_delta")
        .put("delta", new JsonObject().put("stop_reason", step instanceof Calls ? "tool_use" : "end_turn"))
        .put("usage", new JsonObject().put("output_tokens", usage(step).getInteger("completion_tokens")))));
    out.append(named("message_stop", new JsonObject().put("type", "message_stop")));
    req.response().putHeader("content-type", "text/event-stream").end(out.toString());
  }

  private static String named(String event, JsonObject data) {
    return "event: " + event + "\ndata: " + data.encode() + "\n\n";
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

package io.aiox.testkit.llm;

import de.kherud.llama.Pair;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The OpenAI chat completions wire format: messages in, {@code chat.completion(.chunk)} objects out. */
final class OpenAiWire implements GgufChatServer.Wire {
  private final String model;
  private final JsonObject body;
  private final String id = "chatcmpl-" + UUID.randomUUID();
  private final long created = System.currentTimeMillis() / 1000;

  OpenAiWire(String model, JsonObject body) {
    this.model = model;
    this.body = body;
  }

  @Override
  public String system() {
    StringBuilder s = new StringBuilder();
    for (Object o : body.getJsonArray("messages", new JsonArray())) {
      JsonObject m = (JsonObject) o;
      if ("system".equals(m.getString("role")) || "developer".equals(m.getString("role"))) {
        s.append(s.isEmpty() ? "" : "\n").append(text(m.getValue("content")));
      }
    }
    return s.toString();
  }

  @Override
  public List<Pair<String, String>> messages() {
    List<Pair<String, String>> out = new ArrayList<>();
    for (Object o : body.getJsonArray("messages", new JsonArray())) {
      JsonObject m = (JsonObject) o;
      String role = m.getString("role");
      if ("user".equals(role) || "assistant".equals(role)) {
        out.add(new Pair<>(role, text(m.getValue("content"))));
      }
    }
    return out;
  }

  /** Content is a string or an array of parts, of which the text parts count. */
  static String text(Object content) {
    if (content instanceof JsonArray parts) {
      StringBuilder s = new StringBuilder();
      for (Object p : parts) {
        if (p instanceof JsonObject part && "text".equals(part.getString("type"))) {
          s.append(part.getString("text", ""));
        }
      }
      return s.toString();
    }
    return content == null ? "" : String.valueOf(content);
  }

  @Override
  public List<String> stop() {
    Object stop = body.getValue("stop");
    List<String> out = new ArrayList<>();
    if (stop instanceof String s) {
      out.add(s);
    } else if (stop instanceof JsonArray a) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  @Override
  public int maxTokens() {
    return body.getInteger("max_completion_tokens", body.getInteger("max_tokens", 256));
  }

  @Override
  public String streamStart(int promptTokens) {
    return event(chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
  }

  @Override
  public String streamPiece(String text) {
    return event(chunk(new JsonObject().put("content", text), null));
  }

  @Override
  public String streamEnd(int promptTokens, int completionTokens, boolean length) {
    StringBuilder s = new StringBuilder(event(chunk(new JsonObject(), length ? "length" : "stop")));
    JsonObject options = body.getJsonObject("stream_options", new JsonObject());
    if (options.getBoolean("include_usage", false)) {
      s.append(event(base("chat.completion.chunk").put("choices", new JsonArray())
          .put("usage", usage(promptTokens, completionTokens))));
    }
    return s.append("data: [DONE]\n\n").toString();
  }

  @Override
  public JsonObject whole(String text, int promptTokens, int completionTokens, boolean length) {
    return base("chat.completion").put("choices", new JsonArray().add(new JsonObject().put("index", 0)
        .put("message", new JsonObject().put("role", "assistant").put("content", text))
        .put("finish_reason", length ? "length" : "stop"))).put("usage", usage(promptTokens, completionTokens));
  }

  private JsonObject chunk(JsonObject delta, String finish) {
    return base("chat.completion.chunk").put("choices", new JsonArray().add(new JsonObject().put("index", 0)
        .put("delta", delta).put("finish_reason", finish)));
  }

  private JsonObject base(String object) {
    return new JsonObject().put("id", id).put("object", object).put("created", created).put("model", model);
  }

  private static JsonObject usage(int prompt, int completion) {
    return new JsonObject().put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  private static String event(JsonObject data) {
    return "data: " + data.encode() + "\n\n";
  }
}

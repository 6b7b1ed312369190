package io.aiox.testkit.llm;

import de.kherud.llama.Pair;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The Anthropic messages wire format: named server-sent events in the order the API sends them. */
final class AnthropicWire implements GgufChatServer.Wire {
  private final String model;
  private final JsonObject body;
  private final String id = "msg_" + UUID.randomUUID().toString().replace("-", "");

  AnthropicWire(String model, JsonObject body) {
    this.model = model;
    this.body = body;
  }

  @Override
  public String system() {
    return OpenAiWire.text(body.getValue("system"));
  }

  @Override
  public List<Pair<String, String>> messages() {
    List<Pair<String, String>> out = new ArrayList<>();
    for (Object o : body.getJsonArray("messages", new JsonArray())) {
      JsonObject m = (JsonObject) o;
      out.add(new Pair<>(m.getString("role"), OpenAiWire.text(m.getValue("content"))));
    }
    return out;
  }

  @Override
  public List<String> stop() {
    List<String> out = new ArrayList<>();
    body.getJsonArray("stop_sequences", new JsonArray()).forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  @Override
  public int maxTokens() {
    return body.getInteger("max_tokens", 256);
  }

  @Override
  public String streamStart(int promptTokens) {
    JsonObject message = new JsonObject().put("id", id).put("type", "message").put("role", "assistant")
        .put("content", new JsonArray()).put("model", model).putNull("stop_reason").putNull("stop_sequence")
        .put("usage", new JsonObject().put("input_tokens", promptTokens).put("output_tokens", 1));
    return event("message_start", new JsonObject().put("type", "message_start").put("message", message))
        + event("content_block_start", new JsonObject().put("type", "content_block_start").put("index", 0)
            .put("content_block", new JsonObject().put("type", "text").put("text", "")));
  }

  @Override
  public String streamPiece(String text) {
    return event("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
        .put("delta", new JsonObject().put("type", "text_delta").put("text", text)));
  }

  @Override
  public String streamEnd(int promptTokens, int completionTokens, boolean length) {
    return event("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0))
        + event("message_delta", new JsonObject().put("type", "message_delta")
            .put("delta", new JsonObject().put("stop_reason", length ? "max_tokens" : "end_turn")
                .putNull("stop_sequence"))
            .put("usage", new JsonObject().put("output_tokens", completionTokens)))
        + event("message_stop", new JsonObject().put("type", "message_stop"));
  }

  @Override
  public JsonObject whole(String text, int promptTokens, int completionTokens, boolean length) {
    return new JsonObject().put("id", id).put("type", "message").put("role", "assistant").put("model", model)
        .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))
        .put("stop_reason", length ? "max_tokens" : "end_turn").putNull("stop_sequence")
        .put("usage", new JsonObject().put("input_tokens", promptTokens).put("output_tokens", completionTokens));
  }

  private static String event(String name, JsonObject data) {
    return "event: " + name + "\ndata: " + data.encode() + "\n\n";
  }
}

package io.aiox.web.openai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The OpenAI wire shapes of an answer: one {@code chat.completion}, or {@code chat.completion.chunk} frames. */
final class ChatCompletions {
  private final String id;
  private final String model;
  private final long created;

  ChatCompletions(String id, String model, long created) {
    this.id = id;
    this.model = model;
    this.created = created;
  }

  JsonObject completion(String text) {
    return head("chat.completion").put("choices", new JsonArray().add(new JsonObject().put("index", 0)
        .put("message", new JsonObject().put("role", "assistant").put("content", text))
        .put("finish_reason", "stop")));
  }

  /** A chunk with this delta; {@code finish} is null until the last. */
  JsonObject chunk(JsonObject delta, String finish) {
    JsonObject choice = new JsonObject().put("index", 0).put("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return head("chat.completion.chunk").put("choices", new JsonArray().add(choice));
  }

  private JsonObject head(String object) {
    return new JsonObject().put("id", id).put("object", object).put("created", created).put("model", model);
  }
}

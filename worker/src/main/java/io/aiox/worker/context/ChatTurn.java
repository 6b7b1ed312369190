package io.aiox.worker.context;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** One message of a conversation: who said it ({@code user} or {@code assistant}) and what. */
public record ChatTurn(String role, String text) {
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public ChatTurn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  String encode() {
    return new JsonObject().put("r", role).put("t", text).encode();
  }

  static ChatTurn decode(String json) {
    JsonObject o = new JsonObject(json);
    return new ChatTurn(o.getString("r"), o.getString("t"));
  }
}

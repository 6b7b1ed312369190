package io.aiox.worker.turn;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker's answer to a {@link TurnRequest}: the text, which provider and model wrote it, and the tokens it used
 * (a worker that reports none has the whole reservation charged). Carried as {@link #toJson()} today.
 */
public record TurnReply(String body, Optional<String> provider, Optional<String> model, Optional<Tokens> tokens) {
  /** The tokens one turn used, every round of it. */
  public record Tokens(int prompt, int completion) {
    public long total() {
      return (long) prompt + completion;
    }
  }

  public TurnReply {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tokens, "tokens");
  }

  /** An answer with nothing counted (test fixtures, benchmarks). */
  public static TurnReply of(String body) {
    return new TurnReply(body, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static TurnReply counted(String body, String provider, String model, int prompt, int completion) {
    return new TurnReply(body, Optional.ofNullable(provider), Optional.ofNullable(model),
        Optional.of(new Tokens(prompt, completion)));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("body", body);
    provider.ifPresent(p -> json.put("provider", p));
    model.ifPresent(m -> json.put("model", m));
    tokens.ifPresent(t -> json.put("promptTokens", t.prompt()).put("completionTokens", t.completion()));
    return json;
  }

  public static TurnReply fromJson(JsonObject json) {
    Integer prompt = json.getInteger("promptTokens");
    Integer completion = json.getInteger("completionTokens");
    Optional<Tokens> tokens = prompt == null && completion == null ? Optional.empty()
        : Optional.of(new Tokens(prompt == null ? 0 : prompt, completion == null ? 0 : completion));
    return new TurnReply(json.getString("body", ""), Optional.ofNullable(json.getString("provider")),
        Optional.ofNullable(json.getString("model")), tokens);
  }
}

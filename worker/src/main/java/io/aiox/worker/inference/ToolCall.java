package io.aiox.worker.inference;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * A call a model asked for: the provider's call id (made up for models without one), the tool's name and the
 * arguments as the model wrote them. The text is kept as written: a call whose arguments are not a JSON object is
 * answered to the model as an error and never run.
 */
public record ToolCall(String id, String name, String argumentsText) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    argumentsText = argumentsText == null || argumentsText.isBlank() ? "{}" : argumentsText;
  }

  /** The arguments, when the model wrote a JSON object. */
  public Optional<JsonObject> arguments() {
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(argumentsText);
      return parsed instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }
}

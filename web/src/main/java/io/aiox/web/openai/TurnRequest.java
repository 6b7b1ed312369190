package io.aiox.web.openai;

import java.util.Objects;

/**
 * What a turn asks: the agent ({@code model}: the agent's id or its JID) and the text of the caller's message, and
 * whether the answer is wanted as it is written.
 */
public record TurnRequest(String model, String text, boolean stream) {
  public TurnRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(text, "text");
  }
}

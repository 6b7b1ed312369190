package io.aiox.web.openai;

import java.util.Objects;

/** The agent's whole answer to a turn. */
public record TurnAnswer(String text) {
  public TurnAnswer {
    Objects.requireNonNull(text, "text");
  }
}

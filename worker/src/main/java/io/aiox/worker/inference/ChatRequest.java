package io.aiox.worker.inference;

import io.aiox.worker.context.ChatTurn;
import java.util.List;

/** What an engine answers: the system prompt, the conversation so far, the new user message, and sampling. */
public record ChatRequest(String system, List<ChatTurn> history, String user, Sampling sampling) {
  public ChatRequest {
    history = List.copyOf(history);
  }
}

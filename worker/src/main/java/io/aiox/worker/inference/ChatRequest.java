package io.aiox.worker.inference;

import io.aiox.policy.quota.PromptEstimate;
import io.aiox.worker.context.ChatTurn;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What an engine answers: the system prompt, the conversation so far, the new user message, and sampling. */
public record ChatRequest(String system, List<ChatTurn> history, String user, Sampling sampling) {
  public ChatRequest {
    history = List.copyOf(history);
  }

  /** The same request with an answer of at most {@code maxTokens}. */
  public ChatRequest withMaxTokens(int maxTokens) {
    return maxTokens == sampling.maxTokens() ? this : new ChatRequest(system, history, user,
        new Sampling(sampling.temperature(), maxTokens, sampling.topP(), sampling.stop()));
  }

  /** The same request with the {@code n} oldest history messages left out. */
  public ChatRequest withoutOldest(int n) {
    return new ChatRequest(system, history.subList(Math.min(n, history.size()), history.size()), user, sampling);
  }

  /**
   * An upper bound of the prompt's tokens under any tokenizer whose tokens each cover at least one byte of text
   * (byte-level BPE as OpenAI's and Anthropic's, SentencePiece with byte fallback as Gemma's): the text's UTF-8
   * bytes, plus the chat template's markers around each message. For models whose tokenizer is not here.
   */
  public int tokenBound() {
    long bytes = utf8(system) + utf8(user);
    for (ChatTurn t : history) {
      bytes += utf8(t.text());
    }
    long bound = bytes + (long) (history.size() + 2) * PromptEstimate.MESSAGE_OVERHEAD + PromptEstimate.TURN_OVERHEAD;
    return (int) Math.min(bound, Integer.MAX_VALUE);
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}

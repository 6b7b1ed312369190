package io.aiox.worker.inference;

/**
 * A turn's request as one model will be sent it, and its prompt tokens: exact where the model's tokenizer is here
 * (a local GGUF), else a proven upper bound ({@link ChatRequest#tokenBound()}). {@code droppedTurns}: the oldest
 * history messages left out so the prompt and the longest answer fit the model's window.
 */
public record SizedPrompt(ChatRequest request, int promptTokens, int droppedTurns, boolean exact) {
  /** The tokens a turn on this prompt may use at most: the prompt and the longest answer allowed. */
  public long turnMaximum() {
    return (long) promptTokens + request.sampling().maxTokens();
  }
}

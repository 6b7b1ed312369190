package io.aiox.worker.inference;

/**
 * An engine's answer. Token counts come from the engine itself (llama.cpp's own timings, a remote provider's
 * usage report); {@code firstTokenMicros} is the time to the first streamed text. {@code toolCalls}: the calls the
 * model asked for instead of (or besides) answering; none for a final answer.
 */
public record Completion(String text, int promptTokens, int completionTokens, long firstTokenMicros,
                         long totalMicros, String provider, String model, boolean cancelled,
                         java.util.List<ToolCall> toolCalls) {
  public Completion {
    toolCalls = java.util.List.copyOf(toolCalls);
  }

  /** An answer without tool calls. */
  public Completion(String text, int promptTokens, int completionTokens, long firstTokenMicros, long totalMicros,
                    String provider, String model, boolean cancelled) {
    this(text, promptTokens, completionTokens, firstTokenMicros, totalMicros, provider, model, cancelled,
        java.util.List.of());
  }

  /** This answer with the token counts of earlier rounds of the same turn added. */
  public Completion plus(int earlierPrompt, int earlierCompletion) {
    return new Completion(text, promptTokens + earlierPrompt, completionTokens + earlierCompletion, firstTokenMicros,
        totalMicros, provider, model, cancelled, toolCalls);
  }
}

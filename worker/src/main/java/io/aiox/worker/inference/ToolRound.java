package io.aiox.worker.inference;

import java.util.List;

/**
 * One round of a turn's tool use, as the next prompt shows it to the model: what the model said with its calls,
 * and each call's result (or the reason it did not run), in the order of the calls.
 */
public record ToolRound(String text, List<ToolCall> calls, List<ToolResult> results) {
  public ToolRound {
    text = text == null ? "" : text;
    calls = List.copyOf(calls);
    results = List.copyOf(results);
  }

  /** What one call gave back to the model: its output, or an error text when it was refused or failed. */
  public record ToolResult(String callId, String name, String text, boolean error) {}
}

package io.aiox.worker.tool;

/**
 * A tool found, while running, that the call is outside the agent's policy (a query that reads a table the owner
 * did not allow); the call is denied, not failed. The text names the rule.
 */
public final class ToolRefused extends RuntimeException {
  public ToolRefused(String message) {
    super(message, null, false, false);
  }
}

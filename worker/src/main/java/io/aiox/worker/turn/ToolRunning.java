package io.aiox.worker.turn;

import java.util.Objects;

/**
 * A tool of the agent {@code from} (its JID) started during a turn for {@code to} (the sender's full JID), sent on
 * {@link Turns#STATUS_ADDRESS}: a component tells the sender with a short status message.
 */
public record ToolRunning(String from, String to, String tool) implements TurnMessage {
  public ToolRunning {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(tool, "tool");
  }
}

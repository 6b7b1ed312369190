package io.aiox.worker.turn;

import java.util.Objects;

/** A worker's report that the cluster node {@code node} took the turn its sender keyed {@code key} (TurnAcceptance). */
public record TurnAccepted(String key, String node) implements TurnMessage {
  public TurnAccepted {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(node, "node");
  }
}

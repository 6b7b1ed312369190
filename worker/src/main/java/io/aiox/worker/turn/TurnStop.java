package io.aiox.worker.turn;

import io.aiox.schema.id.AgentId;
import java.util.Objects;

/**
 * A peer's request to stop its running turns with an agent, published on {@link Turns#CANCEL_ADDRESS}: every worker
 * ends those it runs, which answer with what they had. {@code peer} is the sender's bare JID.
 */
public record TurnStop(AgentId agent, String peer) implements TurnMessage {
  public TurnStop {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(peer, "peer");
  }
}

package io.aiox.worker.turn;

import io.aiox.schema.id.AgentId;
import java.util.Objects;

/**
 * A piece of a turn's answer as the model writes it, sent to the address the request streams to
 * ({@link TurnRequest#partials()}). Matched to its turn by agent, sender (a full JID) and request id together:
 * request ids are chosen by clients and need not be unique across them.
 */
public record TextPiece(String requestId, AgentId agent, String peer, String text) implements TurnMessage {
  public TextPiece {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(text, "text");
  }
}

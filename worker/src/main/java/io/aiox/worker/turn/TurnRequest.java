package io.aiox.worker.turn;

import io.aiox.policy.quota.Reservation;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.a2a.Chain;
import java.util.Objects;
import java.util.Optional;

/**
 * A turn as the component hands it to a worker: the idempotent request id, the agent and its owner, the sender (a
 * full JID) and the text, with what the turn carries along: its quota reservation, where its text pieces stream to,
 * whether the sender sees a short status while tools run, and its place in a chain of agents. One shape on both
 * sides, carried by {@link TurnCodec}.
 */
public record TurnRequest(String requestId, AgentId agent, OwnerId owner, String peer, String body,
                          Optional<Reservation> reservation, Optional<String> partials, boolean toolStatus,
                          Optional<Chain> chain) implements TurnMessage {
  public TurnRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(partials, "partials");
    Objects.requireNonNull(chain, "chain");
  }

  /** A person's message, with nothing carried along yet. */
  public static TurnRequest of(String requestId, AgentId agent, OwnerId owner, String peer, String body) {
    return new TurnRequest(requestId, agent, owner, peer, body, Optional.empty(), Optional.empty(), false,
        Optional.empty());
  }

  /** Carrying the component's reservation, which the worker grows to the prompt as sent (Reservations). */
  public TurnRequest reserved(Reservation r) {
    return new TurnRequest(requestId, agent, owner, peer, body, Optional.of(r), partials, toolStatus, chain);
  }

  /** Asking for each text piece at {@code address} as a {@link TextPiece} before the answer. */
  public TurnRequest streamingTo(String address) {
    return new TurnRequest(requestId, agent, owner, peer, body, reservation, Optional.of(address), toolStatus, chain);
  }

  /** Asking for the sender's short status while tools run (a chat with a person, not an agent's question). */
  public TurnRequest withToolStatus() {
    return new TurnRequest(requestId, agent, owner, peer, body, reservation, partials, true, chain);
  }

  /** A question from another agent, at this place in its chain. */
  public TurnRequest asked(Chain at) {
    return new TurnRequest(requestId, agent, owner, peer, body, reservation, partials, toolStatus, Optional.of(at));
  }

  /** The chain this turn is in: a person's message starts one at {@code origin} (the sender's bare JID). */
  public Chain chainFrom(String origin) {
    return chain.orElseGet(() -> Chain.start(origin));
  }
}

package io.aiox.worker.turn;

import io.aiox.policy.quota.Reservation;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Event-bus address and message shape of a turn. */
public final class Turns {
  /** Where turns are sent; the inference verticle consumes it (a test fixture may stand in for it). */
  public static final String ADDRESS = "aiox.inference.turn";
  /** Published when a peer asks to stop its running turn with an agent: {@code {agentId, peer}}. */
  public static final String CANCEL_ADDRESS = "aiox.inference.cancel";
  /**
   * Where a worker sends a turn's short status while one of its tools runs ({@link #toolStatus}); a component
   * sends it to the sender as a chat message that is not archived.
   */
  public static final String STATUS_ADDRESS = "aiox.inference.status";

  private Turns() {}

  /**
   * Where turns for agents on {@code model} go first: every worker that loaded the model consumes it, so a turn
   * reaches a worker that serves its agent's model; with none there, the component falls back to {@link #ADDRESS},
   * which every worker consumes and where the agent's fallback models decide.
   */
  public static String modelAddress(String model) {
    return ADDRESS + ".model." + model;
  }

  /** A tool of the agent {@code from} started for {@code to} (a full JID). */
  public static JsonObject toolStatus(String from, String to, String tool) {
    return new JsonObject().put("from", from).put("to", to).put("tool", tool);
  }

  /** A turn's answer with nothing counted, as the bus carries it (test fixtures and benchmarks answer so). */
  public static JsonObject reply(String body) {
    return TurnReply.of(body).toJson();
  }

  /** A stop request for the peer's running turn with the agent. */
  public static JsonObject cancel(String agentId, String peer) {
    return new JsonObject().put("agentId", agentId).put("peer", peer);
  }

  /**
   * Hands the turn's quota reservation to the worker, which grows it to the prompt as it will be sent before any
   * model runs (docs/operations.md, "How a turn is counted").
   */
  public static JsonObject withReservation(JsonObject request, Reservation r) {
    JsonObject json = new JsonObject().put("id", r.id()).put("owner", r.owner().toString())
        .put("agent", r.agent().toString()).put("tokens", r.tokens()).put("day", r.day().toString())
        .put("admittedAt", r.admittedAt().toEpochMilli()).put("payer", r.payer().toString());
    r.remoteDomain().ifPresent(d -> json.put("remoteDomain", d));
    return request.put("reservation", json);
  }

  /** The reservation a request carries; none for turns sent without the component's quota check (benchmarks). */
  public static Optional<Reservation> reservation(JsonObject request) {
    JsonObject json = request.getJsonObject("reservation");
    if (json == null) {
      return Optional.empty();
    }
    return Optional.of(new Reservation(json.getString("id"), OwnerId.parse(json.getString("owner")),
        AgentId.parse(json.getString("agent")), Optional.ofNullable(json.getString("remoteDomain")),
        json.getLong("tokens"), LocalDate.parse(json.getString("day")),
        Instant.ofEpochMilli(json.getLong("admittedAt")), OwnerId.parse(json.getString("payer"))));
  }
}

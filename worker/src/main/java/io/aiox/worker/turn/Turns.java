package io.aiox.worker.turn;

import io.vertx.core.json.JsonObject;

/** Event-bus address and message shape of a turn. */
public final class Turns {
  /** Where turns are sent; the inference verticle consumes it (a test fixture may stand in for it). */
  public static final String ADDRESS = "aiox.inference.turn";
  /** Published when a peer asks to stop its running turn with an agent: {@code {agentId, peer}}. */
  public static final String CANCEL_ADDRESS = "aiox.inference.cancel";

  private Turns() {}

  /** A turn request: which agent, for which owner, from whom, the text, and the idempotent request id. */
  public static JsonObject request(String requestId, String agentId, String ownerId, String peer, String body) {
    return new JsonObject().put("requestId", requestId).put("agentId", agentId).put("ownerId", ownerId)
        .put("peer", peer).put("body", body);
  }

  /**
   * Asks for the answer's text as it is generated: each piece is sent to {@code address} as
   * {@code {requestId, text}} before the final reply (for streaming front ends and benchmarks).
   */
  public static JsonObject streamTo(JsonObject request, String address) {
    return request.put("partials", address);
  }

  /** A turn's answer. */
  public static JsonObject reply(String body) {
    return new JsonObject().put("body", body);
  }

  /** A stop request for the peer's running turn with the agent. */
  public static JsonObject cancel(String agentId, String peer) {
    return new JsonObject().put("agentId", agentId).put("peer", peer);
  }
}

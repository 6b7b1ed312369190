package io.aiox.web.approvals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/** A tool call waiting for its owner: which agent asks, for which tool, with what, why, and until when. */
public record WaitingToolCall(String id, String agentId, String agentName, String tool, JsonObject arguments,
                              String why, Instant requestedAt, Instant expiresAt) {
  public WaitingToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(tool, "tool");
    arguments = arguments == null ? new JsonObject() : arguments.copy();
    why = why == null ? "" : why;
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("agent_id", agentId).put("agent_name", agentName).put("tool", tool)
        .put("arguments", arguments.copy()).put("why", why).put("requested_at", requestedAt.toString())
        .put("expires_at", expiresAt.toString());
  }
}

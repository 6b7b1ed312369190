package io.aiox.policy.tool.approval;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A call waiting for its owner's decision with what the owner is shown to judge it (the approval form's fields):
 * the tool's description, the arguments, the model's reason, and when the agent asked.
 */
public record WaitingCall(PendingApproval call, String description, JsonObject arguments, String why,
                          Instant requestedAt) {
  public WaitingCall {
    Objects.requireNonNull(call, "call");
    description = description == null ? "" : description;
    arguments = arguments == null ? new JsonObject() : arguments.copy();
    why = why == null ? "" : why;
    Objects.requireNonNull(requestedAt, "requestedAt");
  }

  JsonObject toJson() {
    return call.toJson().put("description", description).put("arguments", arguments.copy()).put("why", why)
        .put("requestedAt", requestedAt.toString());
  }

  static WaitingCall fromJson(JsonObject json) {
    String asked = json.getString("requestedAt");
    return new WaitingCall(PendingApproval.fromJson(json), json.getString("description"),
        json.getJsonObject("arguments"), json.getString("why"), asked == null ? Instant.EPOCH : Instant.parse(asked));
  }
}

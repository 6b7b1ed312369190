package io.aiox.worker.tool;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * How a call ended, for the caller (a model's tool loop, a test). {@code reason} says why it did not run or
 * failed; {@code result} is the tool's output when it ran.
 */
public record ToolOutcome(String callId, Status status, String reason, JsonObject result) {
  public enum Status {
    /** It ran and succeeded. */
    EXECUTED,
    /** It ran and failed. */
    FAILED,
    /** The policy refused it. */
    DENIED,
    /** The owner refused it. */
    REJECTED,
    /** The owner did not decide in time. */
    EXPIRED
  }

  public ToolOutcome {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
    result = result == null ? new JsonObject() : result;
  }

  public boolean executed() {
    return status == Status.EXECUTED;
  }

  /** The outcome as a model sees it: {@code {status, reason?, result?}}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("call_id", callId).put("status", status.name().toLowerCase(
        java.util.Locale.ROOT));
    if (!reason.isEmpty()) {
      json.put("reason", reason);
    }
    return executed() ? json.put("result", result.copy()) : json;
  }
}

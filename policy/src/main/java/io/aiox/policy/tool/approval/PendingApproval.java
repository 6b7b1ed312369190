package io.aiox.policy.tool.approval;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/** A call waiting for approval: which call, whose agent, who may decide (the owner), and until when. */
public record PendingApproval(String callId, OwnerId owner, AgentId agent, String ownerJid, String agentJid,
                              String tool, Instant expiresAt) {
  public PendingApproval {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public JsonObject toJson() {
    return new JsonObject().put("callId", callId).put("ownerId", owner.toString()).put("agentId", agent.toString())
        .put("ownerJid", ownerJid).put("agentJid", agentJid).put("tool", tool)
        .put("expiresAt", expiresAt.toString());
  }

  public static PendingApproval fromJson(JsonObject json) {
    return new PendingApproval(json.getString("callId"), OwnerId.parse(json.getString("ownerId")),
        AgentId.parse(json.getString("agentId")), json.getString("ownerJid"), json.getString("agentJid"),
        json.getString("tool"), Instant.parse(json.getString("expiresAt")));
  }
}

package io.aiox.schema.agent;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** An agent as stored; the encrypted system prompt stays in the database until the worker needs it. */
public record Agent(AgentId id, OwnerId owner, AgentJid jid, JsonObject profile, JsonObject llmConfig,
                    JsonObject capabilities, JsonObject memoryConfig, JsonObject governance, int governanceVersion,
                    Visibility visibility, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                    OffsetDateTime deletedAt) {
  public boolean deleted() {
    return deletedAt != null;
  }

  public String name() {
    return profile.getString("name", jid.toString());
  }

  /** What the agent is for, in the owner's words; empty when not set. */
  public String description() {
    return profile.getString("description", "");
  }

  /** The avatar as a {@code data:} URI or an https URL; empty when not set. */
  public String avatar() {
    return profile.getString("avatar", "");
  }
}

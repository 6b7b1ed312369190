package io.aiox.schema.tool;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A live agent as a tool call sees it: who owns it, its address, its owner's XMPP account, and the agent's row for
 * the tool, if the owner enabled that tool ({@code policy} holds the owner's overrides; empty when not enabled).
 */
public record ToolBinding(OwnerId owner, AgentId agent, String agentJid, String ownerJid, String toolName,
                          Optional<JsonObject> policy) {
  public boolean enabled() {
    return policy.isPresent();
  }
}

package io.aiox.schema.usage;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;

/** An agent that had a turn lately, with its owner's bare JID, its name and its governance (its own limits). */
public record RecentTurns(OwnerId owner, String ownerJid, AgentId agent, String agentName,
                          JsonObject governance) {}

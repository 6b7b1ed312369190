package io.aiox.schema.memory;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;

/** An agent named by its owner and id; what the retention sweep gets across owners, and nothing more. */
public record AgentRef(OwnerId owner, AgentId agent) {}

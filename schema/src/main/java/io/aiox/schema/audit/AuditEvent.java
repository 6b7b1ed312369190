package io.aiox.schema.audit;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision worth keeping: whose chain it joins, which agent, what happened, who caused it (a JID, an operator,
 * the hub) and the details a reader needs to judge it.
 */
public record AuditEvent(OwnerId owner, Optional<AgentId> agent, String type, Severity severity, String actor,
                         JsonObject details) {
  public AuditEvent {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    details = details == null ? new JsonObject() : details.copy();
  }
}

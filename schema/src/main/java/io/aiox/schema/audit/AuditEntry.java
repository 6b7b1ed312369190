package io.aiox.schema.audit;

import io.aiox.schema.id.AgentId;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** One stored entry of an owner's chain, as a reader sees it. */
public record AuditEntry(long seq, Instant at, String event, String severity, Optional<AgentId> agent, String actor,
                         JsonObject details) {}

package io.aiox.schema.quota;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Tokens and turns settled for one day of one agent's use, paid by {@code payer} (the agent's owner, or the owner
 * who started a chain of agents), from {@code remoteDomain} when the senders were federated.
 */
public record DayUsage(OwnerId payer, AgentId agent, Optional<String> remoteDomain, LocalDate day, long tokens,
                       long turns) {}

package io.aiox.schema.usage;

import io.aiox.schema.id.AgentId;
import java.time.LocalDate;
import java.util.Objects;

/** One agent's turns on one UTC day and the tokens they took (prompt and completion together). */
public record AgentDay(LocalDate day, AgentId agent, String agentName, long tokens, long turns) {
  public AgentDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(agent, "agent");
  }
}

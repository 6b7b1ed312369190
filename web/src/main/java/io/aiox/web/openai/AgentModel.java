package io.aiox.web.openai;

import java.time.Instant;
import java.util.Objects;

/** An agent offered as a model: its id (the {@code model} a client names), its JID, its owner's username. */
public record AgentModel(String id, String jid, String ownerUsername, Instant created) {
  public AgentModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jid, "jid");
    Objects.requireNonNull(ownerUsername, "ownerUsername");
    Objects.requireNonNull(created, "created");
  }
}

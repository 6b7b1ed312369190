package io.aiox.schema.id;

import java.util.Objects;
import java.util.UUID;

/** An agent; its XMPP address is {@link AgentJid} {@code agent-<id>@<agents domain>}. */
public record AgentId(UUID value) {
  public AgentId {
    Objects.requireNonNull(value, "agent id");
  }

  public static AgentId random() {
    return new AgentId(UUID.randomUUID());
  }

  public static AgentId parse(String text) {
    return new AgentId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

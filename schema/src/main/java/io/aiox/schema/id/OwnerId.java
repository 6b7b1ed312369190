package io.aiox.schema.id;

import java.util.Objects;
import java.util.UUID;

/** The user who owns agents, memories and quotas; the key of every row-level security policy. */
public record OwnerId(UUID value) {
  public OwnerId {
    Objects.requireNonNull(value, "owner id");
  }

  public static OwnerId random() {
    return new OwnerId(UUID.randomUUID());
  }

  public static OwnerId parse(String text) {
    return new OwnerId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

package io.aiox.schema.memory;

import java.util.Objects;
import java.util.UUID;

/** One stored memory. */
public record MemoryId(UUID value) {
  public MemoryId {
    Objects.requireNonNull(value, "memory id");
  }

  public static MemoryId parse(String text) {
    return new MemoryId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

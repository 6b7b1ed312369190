package io.aiox.schema.audit;

import java.util.Objects;
import java.util.UUID;

/** The first entry of an owner's chain that does not hold: its id, its sequence number, why, and the evidence. */
public record ChainBreak(UUID entry, long seq, BreakReason reason, String detail) {
  public ChainBreak {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}

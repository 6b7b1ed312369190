package io.aiox.web.approvals;

import java.util.Objects;

/** A decision taken: {@code decision} is {@code approved} or {@code denied}; {@code outcome} says what follows. */
public record Decided(String id, String decision, String outcome) {
  public Decided {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(outcome, "outcome");
  }
}

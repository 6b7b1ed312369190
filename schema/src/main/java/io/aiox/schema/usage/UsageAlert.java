package io.aiox.schema.usage;

import io.aiox.schema.id.OwnerId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An alert that an owner's counter neared a limit: whose, which counter ({@code scope} {@code user} with the owner's
 * id or {@code agent} with the agent's), which limit (its configuration key), the window it belongs to (the start
 * of the UTC day or minute), what was used of how much, and the text the owner was sent.
 */
public record UsageAlert(UUID id, OwnerId owner, String scope, UUID scopeId, String limitKey, Instant windowStart,
                         long used, long limitValue, String text, Instant at) {
  public UsageAlert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(scopeId, "scopeId");
    Objects.requireNonNull(limitKey, "limitKey");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(text, "text");
  }
}

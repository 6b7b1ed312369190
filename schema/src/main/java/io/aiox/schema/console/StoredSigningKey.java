package io.aiox.schema.console;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A token signing key as stored: its public JWK, its private JWK (sealed under the master key {@code sealedBy}, or
 * in the clear when that is empty) and when it was made, which says until when it signs and is published.
 */
public record StoredSigningKey(String kid, JsonObject publicJwk, byte[] privateKey, Optional<String> sealedBy,
                               OffsetDateTime createdAt) {
  public StoredSigningKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(publicJwk, "publicJwk");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(sealedBy, "sealedBy");
  }
}

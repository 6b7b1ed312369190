package io.aiox.web.auth;

import io.aiox.schema.console.ApiKey;
import io.aiox.schema.console.ApiKeyRepository;
import io.aiox.schema.id.OwnerId;
import io.aiox.web.auth.token.OpaqueSecret;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-user API keys for {@code /v1}: {@code aiox_sk_} and 43 random characters, shown once at creation; stored as
 * SHA-256 with the first characters kept for display.
 */
public final class ApiKeys {
  static final String PREFIX = "aiox_sk_";
  private static final int SHOWN = PREFIX.length() + 6;

  private final ApiKeyRepository keys;

  /** A new key: the listing row and the key itself, which is never shown again. */
  public record Created(ApiKey key, String secret) {}

  public ApiKeys(ApiKeyRepository keys) {
    this.keys = keys;
  }

  public Future<Created> create(OwnerId owner, String name) {
    String secret = OpaqueSecret.generate(PREFIX);
    return keys.add(owner, name, secret.substring(0, SHOWN), OpaqueSecret.hash(secret))
        .map(key -> new Created(key, secret));
  }

  public Future<List<ApiKey>> list(OwnerId owner) {
    return keys.list(owner);
  }

  public Future<Boolean> delete(OwnerId owner, UUID id) {
    return keys.delete(owner, id);
  }

  /** The key {@code secret} is, marked used; empty for anything else (a deleted key, a token of another kind). */
  public Future<Optional<ApiKey>> use(String secret) {
    if (!secret.startsWith(PREFIX)) {
      return Future.succeededFuture(Optional.empty());
    }
    return keys.use(OpaqueSecret.hash(secret));
  }
}

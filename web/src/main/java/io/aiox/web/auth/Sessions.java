package io.aiox.web.auth;

import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.console.RefreshTokenRepository;
import io.aiox.schema.console.Rotation;
import io.aiox.schema.id.OwnerId;
import io.aiox.web.auth.token.OpaqueSecret;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Console sessions as refresh token families: sign-in starts one, each refresh spends the token for a new one, and
 * a token presented a second time means it was copied, so the whole family is revoked and the owner's audit chain
 * says so ({@code console.refresh_reused}).
 */
public final class Sessions {
  static final String TOKEN_PREFIX = "aiox_rt_";
  private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

  private final RefreshTokenRepository tokens;
  private final AuditLog audit;
  private final Duration ttl;
  private final Clock clock;

  /** A refreshed session: whose, and the token that replaces the one presented. */
  public record Refreshed(OwnerId owner, String token) {}

  public Sessions(RefreshTokenRepository tokens, AuditLog audit, Duration ttl, Clock clock) {
    this.tokens = tokens;
    this.audit = audit;
    this.ttl = ttl;
    this.clock = clock;
  }

  public Duration ttl() {
    return ttl;
  }

  /** A new family for {@code owner}; the refresh token to set as the cookie. */
  public Future<String> start(OwnerId owner) {
    String token = OpaqueSecret.generate(TOKEN_PREFIX);
    return tokens.startFamily(owner, OpaqueSecret.hash(token), expiry()).map(family -> token);
  }

  /** Spends {@code token}; its successor, or a 401 problem saying why not. */
  public Future<Refreshed> refresh(String token) {
    byte[] hash = OpaqueSecret.hash(token);
    String next = OpaqueSecret.generate(TOKEN_PREFIX);
    return owner(hash).compose(owner -> tokens.rotate(owner, hash, OpaqueSecret.hash(next), expiry())
        .compose(rotation -> switch (rotation) {
          case Rotation.Rotated r -> Future.succeededFuture(new Refreshed(owner, next));
          case Rotation.Reused r -> reused(owner, r);
          case Rotation.Revoked r -> refused("the session was signed out or revoked: sign in again");
          case Rotation.Expired r -> refused("the session has expired: sign in again");
          case Rotation.Unknown u -> refused("the refresh token is unknown: sign in again");
        }));
  }

  /** Revokes the family of {@code token}; nothing when it is unknown (signing out twice is fine). */
  public Future<Void> end(String token) {
    byte[] hash = OpaqueSecret.hash(token);
    return tokens.ownerOf(hash).compose(owner -> owner.isEmpty() ? Future.succeededFuture()
        : tokens.revokeFamilyOf(owner.get(), hash).mapEmpty());
  }

  private Future<OwnerId> owner(byte[] hash) {
    return tokens.ownerOf(hash).compose(owner -> owner.map(Future::succeededFuture)
        .orElseGet(() -> refused("the refresh token is unknown: sign in again")));
  }

  private Future<Refreshed> reused(OwnerId owner, Rotation.Reused reused) {
    LOG.warning(() -> "refresh token reused for owner " + owner + ": family " + reused.family() + " revoked");
    return audit.append(new AuditEvent(owner, Optional.empty(), "console.refresh_reused", Severity.WARNING,
            "console", new JsonObject().put("family", reused.family().toString())
            .put("action", "every session of this sign-in was revoked")))
        .transform(done -> refused("this refresh token was already used, so it may have been copied: every session of"
            + " this sign-in is revoked; sign in again"));
  }

  private OffsetDateTime expiry() {
    return OffsetDateTime.ofInstant(clock.instant().plus(ttl), ZoneOffset.UTC);
  }

  private static <T> Future<T> refused(String detail) {
    return Future.failedFuture(ProblemException.unauthorized(detail));
  }
}

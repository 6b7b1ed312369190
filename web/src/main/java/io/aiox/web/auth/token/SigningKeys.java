package io.aiox.web.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.aiox.policy.crypto.HubSecrets;
import io.aiox.schema.console.SigningKeyRepository;
import io.aiox.schema.console.StoredSigningKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ES256 keys access tokens are signed with, shared by every hub instance through PostgreSQL. The newest key
 * signs until it is {@code rotation} old; then the first instance that signs makes a new one. A key stays published
 * (and verifies) until every token it may have signed has expired: {@code rotation + access token TTL + skew}.
 * Private keys are sealed under the master key when the hub has one ({@link HubSecrets}); without one they are stored
 * in the clear, and anyone who can read the table can sign tokens (docs/console.md says so).
 */
public final class SigningKeys {
  static final String SEAL_KIND = "console-signing-key";
  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(2);

  private final SigningKeyRepository repository;
  private final Optional<HubSecrets> secrets;
  private final Duration rotation;
  private final Duration published;
  private final Clock clock;
  private volatile List<Loaded> keys = List.of();
  private volatile long loadedAtMillis;
  private Future<List<Loaded>> loading;

  /** A key as this instance holds it: the private half only when it could be opened here. */
  private record Loaded(String kid, ECKey publicKey, Optional<ECKey> privateKey, OffsetDateTime createdAt) {}

  public SigningKeys(SigningKeyRepository repository, Optional<HubSecrets> secrets, Duration rotation,
                     Duration accessTokenTtl, Clock clock) {
    this.repository = repository;
    this.secrets = secrets;
    this.rotation = rotation;
    this.published = rotation.plus(accessTokenTtl).plus(SKEW);
    this.clock = clock;
  }

  /** The key to sign with now: the newest that is not due for rotation, made now when there is none. */
  public Future<ECKey> current() {
    Optional<ECKey> held = signing(keys);
    if (held.isPresent()) {
      return Future.succeededFuture(held.get());
    }
    return reload().compose(loaded -> signing(loaded).map(Future::succeededFuture).orElseGet(this::create));
  }

  /** The public key {@code kid}, when it is published; an unknown kid reloads (another hub may have just made it). */
  public Future<Optional<ECKey>> publicKey(String kid) {
    Optional<ECKey> held = find(keys, kid);
    if (held.isPresent() || clock.millis() - loadedAtMillis < RELOAD_AT_MOST_EVERY.toMillis()) {
      return Future.succeededFuture(held);
    }
    return reload().map(loaded -> find(loaded, kid));
  }

  /** {@code {keys:[...]}}: every published public key. */
  public Future<JsonObject> jwks() {
    return reload().map(loaded -> {
      JsonArray array = new JsonArray();
      loaded.forEach(k -> array.add(new JsonObject(k.publicKey().toJSONObject())));
      return new JsonObject().put("keys", array);
    });
  }

  private Optional<ECKey> signing(List<Loaded> loaded) {
    OffsetDateTime due = now().minus(rotation);
    return loaded.stream().filter(k -> k.createdAt().isAfter(due) && k.privateKey().isPresent()).findFirst()
        .flatMap(Loaded::privateKey);
  }

  private Optional<ECKey> find(List<Loaded> loaded, String kid) {
    OffsetDateTime oldest = now().minus(published);
    return loaded.stream().filter(k -> k.kid().equals(kid) && k.createdAt().isAfter(oldest)).findFirst()
        .map(Loaded::publicKey);
  }

  private synchronized Future<List<Loaded>> reload() {
    if (loading != null) {
      return loading;
    }
    Future<List<Loaded>> f = repository.since(now().minus(published))
        .map(rows -> rows.stream().map(this::load).toList())
        .onComplete(done -> {
          synchronized (this) {
            loading = null;
          }
          if (done.succeeded()) {
            keys = done.result();
            loadedAtMillis = clock.millis();
          }
        });
    loading = f;
    return f;
  }

  private Future<ECKey> create() {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256).generate();
      byte[] privateJwk = key.toJSONString().getBytes(StandardCharsets.UTF_8);
      Optional<HubSecrets.SealedSecret> sealed = secrets.map(s -> s.seal(SEAL_KIND, key.getKeyID(), privateJwk));
      return repository.add(key.getKeyID(), new JsonObject(key.toPublicJWK().toJSONObject()),
              sealed.map(HubSecrets.SealedSecret::sealed).orElse(privateJwk),
              sealed.map(HubSecrets.SealedSecret::masterKeyId))
          .compose(stored -> {
            LOG.info(() -> "new console signing key " + stored.kid()
                + (stored.sealedBy().isPresent() ? " (sealed under the master key)" : " (stored unsealed: no master key)"));
            // Prune keys no token can still need; a failure here only leaves old rows behind.
            repository.removeBefore(now().minus(published).minus(published));
            return reload();
          })
          .map(loaded -> signing(loaded).orElse(key));
    } catch (JOSEException e) {
      return Future.failedFuture(new IllegalStateException("cannot make an ES256 key: " + e.getMessage(), e));
    }
  }

  private Loaded load(StoredSigningKey row) {
    ECKey publicKey;
    try {
      publicKey = ECKey.parse(row.publicJwk().encode());
    } catch (ParseException e) {
      throw new IllegalStateException("console signing key " + row.kid() + " has a malformed public JWK", e);
    }
    return new Loaded(row.kid(), publicKey, openPrivate(row), row.createdAt());
  }

  private Optional<ECKey> openPrivate(StoredSigningKey row) {
    try {
      byte[] jwk = row.sealedBy().isEmpty() ? row.privateKey() : secrets.orElseThrow(() -> new IllegalStateException(
              "it is sealed under master key " + row.sealedBy().get() + " and this hub has no security.master_key_*"))
          .open(SEAL_KIND, row.kid(), new HubSecrets.SealedSecret(row.sealedBy().get(), row.privateKey()));
      return Optional.of(ECKey.parse(new String(jwk, StandardCharsets.UTF_8)));
    } catch (RuntimeException | ParseException e) {
      // It still verifies; this hub signs with a key it can open, making one if need be.
      LOG.log(Level.WARNING, "console signing key " + row.kid() + " cannot sign here: " + e.getMessage());
      return Optional.empty();
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}

package io.aiox.web.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aiox.schema.id.OwnerId;
import io.aiox.web.auth.Caller;
import io.aiox.web.auth.Role;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * Mints and checks access tokens: ES256 only (the algorithm is pinned, whatever a token's header says), signed by a
 * key of {@link SigningKeys}, with issuer, audience, expiry, issue time, id, subject (the user id) and role checked.
 * Every refusal is a 401 problem saying what was wrong with the token.
 */
public final class AccessTokens {
  public static final String AUDIENCE = "aiox-console";
  private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
  private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
  private static final Duration SKEW = Duration.ofSeconds(5);

  private final SigningKeys keys;
  private final String issuer;
  private final Duration ttl;
  private final Clock clock;

  /** A minted token and its lifetime in seconds. */
  public record Minted(String token, long expiresIn) {}

  public AccessTokens(SigningKeys keys, String issuer, Duration ttl, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.ttl = ttl;
    this.clock = clock;
  }

  public String issuer() {
    return issuer;
  }

  public Future<Minted> mint(Caller caller) {
    return keys.current().map(key -> {
      Instant now = clock.instant();
      JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE)
          .subject(caller.owner().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
          .jwtID(UUID.randomUUID().toString()).claim("username", caller.username()).claim("jid", caller.jid())
          .claim("role", caller.role().wire()).build();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).keyID(key.getKeyID()).type(TYPE).build(), claims);
      try {
        jwt.sign(new ECDSASigner(key));
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot sign an access token: " + e.getMessage(), e);
      }
      return new Minted(jwt.serialize(), ttl.toSeconds());
    });
  }

  /** The caller the token speaks for, or a failed future with a 401 problem. */
  public Future<Caller> verify(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return refused("the access token is not a signed JWT");
    }
    JWSHeader header = jwt.getHeader();
    if (!ALGORITHM.equals(header.getAlgorithm())) {
      return refused("the access token is signed with " + header.getAlgorithm() + "; only ES256 is accepted");
    }
    if (header.getKeyID() == null) {
      return refused("the access token names no signing key (kid)");
    }
    return keys.publicKey(header.getKeyID()).compose(key -> {
      if (key.isEmpty()) {
        return refused("the access token's signing key is unknown or retired: sign in again");
      }
      return checked(jwt, key.get());
    });
  }

  private Future<Caller> checked(SignedJWT jwt, ECKey key) {
    try {
      if (!jwt.verify(new ECDSAVerifier(key))) {
        return refused("the access token's signature does not verify");
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Instant now = clock.instant();
      if (!issuer.equals(claims.getIssuer())) {
        return refused("the access token was issued by " + claims.getIssuer() + ", not by this hub");
      }
      if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
        return refused("the access token is not meant for the console (audience " + claims.getAudience() + ")");
      }
      if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().plus(SKEW).isAfter(now)) {
        return refused("the access token has expired: refresh it or sign in again");
      }
      if (claims.getIssueTime() == null || claims.getIssueTime().toInstant().minus(SKEW).isAfter(now)
          || claims.getJWTID() == null) {
        return refused("the access token lacks a valid issue time or id");
      }
      return Future.succeededFuture(new Caller(new OwnerId(UUID.fromString(claims.getSubject())),
          claims.getStringClaim("username"), claims.getStringClaim("jid"), role(claims.getStringClaim("role"))));
    } catch (JOSEException | ParseException | RuntimeException e) {
      return refused("the access token's claims are malformed");
    }
  }

  private static Role role(String wire) {
    if (wire == null) {
      throw new IllegalArgumentException("no role");
    }
    return Role.valueOf(wire.toUpperCase(Locale.ROOT));
  }

  private static <T> Future<T> refused(String detail) {
    return Future.failedFuture(ProblemException.unauthorized(detail));
  }
}

package io.aiox.web.auth.xmpp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints the XMPP password of the browser chat: an ES256 JWT whose {@code jid} claim (ejabberd's
 * {@code jwt_jid_field}) names the account and whose {@code exp} ejabberd checks. ejabberd holds the public key
 * only, so a leaked ejabberd configuration mints nothing.
 */
public final class XmppTokens {
  private final ECKey key;
  private final Duration ttl;
  private final Clock clock;

  /** A minted login: the token and its lifetime in seconds. */
  public record Login(String token, long expiresIn) {}

  public XmppTokens(ECKey key, Duration ttl, Clock clock) {
    if (!key.isPrivate()) {
      throw new IllegalArgumentException("the XMPP login key " + key.getKeyID() + " has no private part");
    }
    this.key = key;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The private key in {@code file} (web.xmpp_jwt_key_file); fails naming the file. */
  public static XmppTokens fromFile(Path file, Duration ttl, Clock clock) {
    return new XmppTokens(readKey(file), ttl, clock);
  }

  static ECKey readKey(Path file) {
    try {
      return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("web.xmpp_jwt_key_file " + file + " cannot be read: " + e.getMessage(), e);
    } catch (ParseException e) {
      throw new IllegalArgumentException("web.xmpp_jwt_key_file " + file + " is not an EC JWK: " + e.getMessage(), e);
    }
  }

  /** A login for the bare JID {@code jid}, valid for the configured TTL. */
  public Login mint(String jid) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(jid).claim("jid", jid).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl))).jwtID(UUID.randomUUID().toString()).build();
    return new Login(sign(claims), ttl.toSeconds());
  }

  /** Signs any claims with the login key (tests: an expired login, one for another JID). */
  public String sign(JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an XMPP login: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  /** True when {@code password} is a JWS at all: the console's sign-in refuses XMPP logins as passwords. */
  public static boolean looksLikeToken(String password) {
    try {
      SignedJWT.parse(password);
      return true;
    } catch (ParseException | RuntimeException e) {
      return false;
    }
  }
}

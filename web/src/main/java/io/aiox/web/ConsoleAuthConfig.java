package io.aiox.web;

import io.aiox.config.ConfigSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The sign-in settings of the {@code web} section: how often the hub makes a new token signing key
 * ({@code signing_key_rotation_s}), the private key the hub signs XMPP logins for the browser chat with
 * ({@code xmpp_jwt_key_file}, written by {@code ./aiox up} next to the public key ejabberd holds) and how long such a
 * login token is accepted ({@code xmpp_token_ttl_s}).
 */
public record ConsoleAuthConfig(Duration signingKeyRotation, Optional<Path> xmppKeyFile, Duration xmppTokenTtl) {
  public static final String SIGNING_KEY_ROTATION = "signing_key_rotation_s";
  public static final String XMPP_KEY_FILE = "xmpp_jwt_key_file";
  public static final String XMPP_TOKEN_TTL = "xmpp_token_ttl_s";
  public static final ConsoleAuthConfig DEFAULTS = new ConsoleAuthConfig(Duration.ofDays(7), Optional.empty(),
      Duration.ofMinutes(5));

  public ConsoleAuthConfig {
    if (signingKeyRotation.toSeconds() < 60) {
      throw new IllegalArgumentException("web." + SIGNING_KEY_ROTATION + " must be at least 60, was "
          + signingKeyRotation.toSeconds());
    }
    if (xmppTokenTtl.toSeconds() < 10 || xmppTokenTtl.toHours() > 1) {
      throw new IllegalArgumentException("web." + XMPP_TOKEN_TTL + " must be 10..3600 (it is a login, not a session),"
          + " was " + xmppTokenTtl.toSeconds());
    }
  }

  static ConsoleAuthConfig fromJson(ConfigSection web) {
    return new ConsoleAuthConfig(web.seconds(SIGNING_KEY_ROTATION, DEFAULTS.signingKeyRotation),
        web.string(XMPP_KEY_FILE).map(Path::of), web.seconds(XMPP_TOKEN_TTL, DEFAULTS.xmppTokenTtl));
  }
}

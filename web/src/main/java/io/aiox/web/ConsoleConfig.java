package io.aiox.web;

import io.aiox.web.usage.AlertConfig;
import io.aiox.web.usage.PriceTable;
import io.aiox.config.ConfigSection;
import io.aiox.web.usage.AlertConfig;
import io.aiox.web.usage.PriceTable;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code web} section: where the console listens, the address people open ({@code public_url}, also what the
 * Content-Security-Policy and the cookies are bound to), the XMPP WebSocket endpoint the browser chat connects to,
 * how long tokens live, how many API requests a user may make a minute, the price table usage costs are estimated
 * with ({@code prices}) and when owners are alerted that a limit is near ({@code alerts}).
 */
public record ConsoleConfig(boolean enabled, String bind, int port, Optional<URI> publicUrl,
                            Optional<URI> websocketUrl, Duration accessTokenTtl, Duration refreshTokenTtl,
                            int ratePerMinute, int maxBodyBytes, ConsoleAuthConfig auth, PriceTable prices,
                            AlertConfig alerts) {
  public static final int DEFAULT_PORT = 8480;
  private static final Set<String> KEYS = Set.of("enabled", "bind", "port", "public_url", "websocket_url",
      "access_token_ttl_s", "refresh_token_ttl_s", "rate_per_minute", "max_body_bytes",
      ConsoleAuthConfig.SIGNING_KEY_ROTATION, ConsoleAuthConfig.XMPP_KEY_FILE, ConsoleAuthConfig.XMPP_TOKEN_TTL,
      "prices", "alerts");

  public ConsoleConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("web.port must be 0..65535, was " + port);
    }
    if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.toMinutes() > 60) {
      throw new IllegalArgumentException("web.access_token_ttl_s must be 1..3600 (access tokens are short-lived), was "
          + accessTokenTtl.toSeconds());
    }
    if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0 || refreshTokenTtl.toDays() > 90) {
      throw new IllegalArgumentException("web.refresh_token_ttl_s must be longer than access_token_ttl_s and at most"
          + " 90 days, was " + refreshTokenTtl.toSeconds());
    }
    if (ratePerMinute < 1) {
      throw new IllegalArgumentException("web.rate_per_minute must be at least 1, was " + ratePerMinute);
    }
    if (maxBodyBytes < 1_024) {
      throw new IllegalArgumentException("web.max_body_bytes must be at least 1024, was " + maxBodyBytes);
    }
    java.util.Objects.requireNonNull(auth, "auth");
    publicUrl.ifPresent(u -> requireScheme("web.public_url", u, "http", "https"));
    websocketUrl.ifPresent(u -> requireScheme("web.websocket_url", u, "ws", "wss"));
  }

  public static ConsoleConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("web", json, KEYS);
    return new ConsoleConfig(s.bool("enabled", true), s.string("bind", "127.0.0.1"), s.integer("port", DEFAULT_PORT),
        s.string("public_url").map(URI::create), s.string("websocket_url").map(URI::create),
        s.seconds("access_token_ttl_s", Duration.ofSeconds(300)),
        s.seconds("refresh_token_ttl_s", Duration.ofDays(14)), s.integer("rate_per_minute", 300),
        s.integer("max_body_bytes", 1 << 20), ConsoleAuthConfig.fromJson(s),
        PriceTable.fromJson(s.object("prices")), AlertConfig.fromJson(s.object("alerts")));
  }

  /** The same settings with the XMPP WebSocket endpoint the hub derived from its XMPP server, unless one is set. */
  public ConsoleConfig withDefaultWebsocket(URI websocket) {
    return websocketUrl.isPresent() ? this : new ConsoleConfig(enabled, bind, port, publicUrl,
        Optional.of(websocket), accessTokenTtl, refreshTokenTtl, ratePerMinute, maxBodyBytes, auth, prices, alerts);
  }

  private static void requireScheme(String key, URI uri, String... schemes) {
    for (String s : schemes) {
      if (s.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
        return;
      }
    }
    throw new IllegalArgumentException(key + " must be an absolute " + String.join(" or ", schemes) + " URL, was "
        + uri);
  }
}

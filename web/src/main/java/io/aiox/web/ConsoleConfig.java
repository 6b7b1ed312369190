package io.aiox.web;

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
                            int ratePerMinute, int maxBodyBytes, PriceTable prices, AlertConfig alerts) {
  public static final int DEFAULT_PORT = 8480;
  private static final Set<String> KEYS = Set.of("enabled", "bind", "port", "public_url", "websocket_url",
      "access_token_ttl_s", "refresh_token_ttl_s", "rate_per_minute", "max_body_bytes", "prices", "alerts");

  /** Without prices (costs unpriced) and with the default alerts. */
  public ConsoleConfig(boolean enabled, String bind, int port, Optional<URI> publicUrl, Optional<URI> websocketUrl,
                       Duration accessTokenTtl, Duration refreshTokenTtl, int ratePerMinute, int maxBodyBytes) {
    this(enabled, bind, port, publicUrl, websocketUrl, accessTokenTtl, refreshTokenTtl, ratePerMinute, maxBodyBytes,
        PriceTable.NONE, AlertConfig.DEFAULTS);
  }

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
    publicUrl.ifPresent(u -> requireScheme("web.public_url", u, "http", "https"));
    websocketUrl.ifPresent(u -> requireScheme("web.websocket_url", u, "ws", "wss"));
  }

  public static ConsoleConfig fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key web." + key);
      }
    }
    return new ConsoleConfig(json.getBoolean("enabled", true), json.getString("bind", "127.0.0.1"),
        json.getInteger("port", DEFAULT_PORT), Optional.ofNullable(json.getString("public_url")).map(URI::create),
        Optional.ofNullable(json.getString("websocket_url")).map(URI::create),
        Duration.ofSeconds(json.getLong("access_token_ttl_s", 300L)),
        Duration.ofSeconds(json.getLong("refresh_token_ttl_s", 14L * 24 * 3600)),
        json.getInteger("rate_per_minute", 300), json.getInteger("max_body_bytes", 1 << 20),
        PriceTable.fromJson(section(json, "prices")), AlertConfig.fromJson(section(json, "alerts")));
  }

  /** The same settings with the XMPP WebSocket endpoint the hub derived from its XMPP server, unless one is set. */
  public ConsoleConfig withDefaultWebsocket(URI websocket) {
    return websocketUrl.isPresent() ? this : new ConsoleConfig(enabled, bind, port, publicUrl,
        Optional.of(websocket), accessTokenTtl, refreshTokenTtl, ratePerMinute, maxBodyBytes, prices, alerts);
  }

  private static JsonObject section(JsonObject json, String key) {
    Object v = json.getValue(key, new JsonObject());
    if (v instanceof JsonObject o) {
      return o;
    }
    throw new IllegalArgumentException("web." + key + " must be an object, was " + v);
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

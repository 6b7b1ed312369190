package io.aiox.web.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;

/**
 * Headers on every response: a strict Content-Security-Policy (scripts, styles and fetches from the console's own
 * origin only, plus the XMPP WebSocket endpoint; no inline script, no framing), no MIME sniffing, no referrer, and
 * no caching of API answers. Model output is shown by the front end as text, and this policy is the second line.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  private final String policy;

  public SecurityHeaders(Optional<URI> websocket) {
    String connect = "'self'" + websocket.map(u -> " " + u.getScheme() + "://" + u.getAuthority()).orElse("");
    this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src " + connect + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().headers()
        .set("content-security-policy", policy)
        .set("x-content-type-options", "nosniff")
        .set("referrer-policy", "no-referrer")
        .set("x-frame-options", "DENY")
        .set("cross-origin-opener-policy", "same-origin");
    String path = ctx.request().path();
    if (path.startsWith("/api/") || path.startsWith("/v1/")) {
      ctx.response().headers().set("cache-control", "no-store");
    }
    ctx.next();
  }

  public String policy() {
    return policy;
  }
}

package io.aiox.component.console;

import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.Caller;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixture standing in for sign-in until the real authenticator is on this branch: a test hands out a random
 * bearer token per caller, and a request with that token is that caller (for both signed-in routes and API keys).
 * Any other request gets 401, as from the real one.
 */
public final class TestCallers implements Authenticator {
  private final Map<String, Caller> tokens = new ConcurrentHashMap<>();

  /** A fresh token that speaks for {@code caller}. */
  public String tokenFor(Caller caller) {
    String token = "test-" + UUID.randomUUID();
    tokens.put(token, caller);
    return token;
  }

  @Override
  public Handler<RoutingContext> signedIn() {
    return this::check;
  }

  @Override
  public Handler<RoutingContext> apiKey() {
    return this::check;
  }

  private void check(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    Caller caller = header != null && header.startsWith("Bearer ") ? tokens.get(header.substring(7)) : null;
    if (caller == null) {
      ctx.fail(ProblemException.unauthorized("no valid token"));
      return;
    }
    caller.attach(ctx);
    ctx.next();
  }
}

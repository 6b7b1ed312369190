package io.aiox.web.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The handlers a group of routes puts in front of its routes: each either attaches the {@link Caller} to the
 * context and goes on, or answers 401 with a problem document. There is no other way to become a caller.
 */
public interface Authenticator {
  /** A person signed in to the console: {@code Authorization: Bearer <access token>}. */
  Handler<RoutingContext> signedIn();

  /** A program with one of a user's API keys ({@code Authorization: Bearer <key>}), for {@code /v1}. */
  Handler<RoutingContext> apiKey();

  /** After {@link #signedIn()}: only an admin goes on; anyone else gets 403. */
  static Handler<RoutingContext> adminOnly() {
    return ctx -> {
      if (Caller.of(ctx).admin()) {
        ctx.next();
      } else {
        ctx.fail(io.aiox.web.http.ProblemException.forbidden("this needs the admin role"));
      }
    };
  }
}

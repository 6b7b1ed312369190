package io.aiox.component.console;

import io.aiox.web.auth.Authenticator;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's authenticator until sign-in and API keys are wired in: it lets no one in (401), so routes that
 * need a caller are closed rather than open.
 */
public final class SignInPending implements Authenticator {
  private static final Handler<RoutingContext> CLOSED = ctx -> ctx.fail(ProblemException.unauthorized(
      "sign-in is not set up on this hub"));

  @Override
  public Handler<RoutingContext> signedIn() {
    return CLOSED;
  }

  @Override
  public Handler<RoutingContext> apiKey() {
    return CLOSED;
  }
}

package io.aiox.web.auth;

import io.aiox.web.auth.token.AccessTokens;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The console's {@link Authenticator}: {@link #signedIn()} takes an ES256 access token, {@link #apiKey()} one of the
 * user's API keys; both then count the request against the user's rate limit, shared by all hub instances. A
 * missing, malformed, expired or forged credential is a 401 problem, a disabled account 403, too many requests 429.
 */
public final class TokenAuthenticator implements Authenticator {
  private final AccessTokens accessTokens;
  private final ApiKeys apiKeys;
  private final Callers callers;
  private final RateLimit rateLimit;

  public TokenAuthenticator(AccessTokens accessTokens, ApiKeys apiKeys, Callers callers, RateLimit rateLimit) {
    this.accessTokens = accessTokens;
    this.apiKeys = apiKeys;
    this.callers = callers;
    this.rateLimit = rateLimit;
  }

  @Override
  public Handler<RoutingContext> signedIn() {
    return ctx -> admit(ctx, bearer(ctx, "an access token").compose(accessTokens::verify));
  }

  @Override
  public Handler<RoutingContext> apiKey() {
    return ctx -> admit(ctx, bearer(ctx, "an API key").compose(apiKeys::use).compose(key -> key
        .map(k -> callers.of(k.owner()))
        .orElseGet(() -> Future.failedFuture(ProblemException.unauthorized(
            "the API key is unknown or was deleted (make one under Keys in the console)")))));
  }

  private void admit(RoutingContext ctx, Future<Caller> caller) {
    caller.compose(c -> rateLimit.take(c.owner()).map(c)).onComplete(done -> {
      if (done.succeeded()) {
        done.result().attach(ctx);
        ctx.next();
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /** The bearer credential of the request, or a 401 problem naming what was expected. */
  static Future<String> bearer(RoutingContext ctx, String what) {
    String header = Optional.ofNullable(ctx.request().getHeader("authorization")).orElse("").strip();
    if (header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.succeededFuture(header.substring(7).strip());
    }
    return Future.failedFuture(ProblemException.unauthorized("send " + what + " as 'Authorization: Bearer …'"));
  }
}

package io.aiox.component.console;

import io.aiox.schema.Database;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.Caller;
import io.aiox.web.auth.Role;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Test fixture, never shipped: trusts {@code x-test-owner} (a user id) and {@code x-test-role} ({@code admin} or
 * not) in place of a signed access token, so the usage and audit routes can be tested before the console's sign-in
 * is connected. Without the header, 401.
 */
final class TrustingTestAuthenticator implements Authenticator {
  private final Supplier<Database> database;

  TrustingTestAuthenticator(Supplier<Database> database) {
    this.database = database;
  }

  @Override
  public Handler<RoutingContext> signedIn() {
    return ctx -> {
      String owner = ctx.request().getHeader("x-test-owner");
      if (owner == null) {
        ctx.fail(ProblemException.unauthorized("sign in first"));
        return;
      }
      Role role = "admin".equals(ctx.request().getHeader("x-test-role")) ? Role.ADMIN : Role.USER;
      new UserRepository(database.get().ownerScope()).findById(OwnerId.parse(owner)).onSuccess(user -> {
        if (user.isEmpty()) {
          ctx.fail(ProblemException.unauthorized("no such user"));
          return;
        }
        new Caller(user.get().id(), user.get().username(), user.get().xmppJid(), role).attach(ctx);
        ctx.next();
      }).onFailure(ctx::fail);
    };
  }

  @Override
  public Handler<RoutingContext> apiKey() {
    return signedIn();
  }
}

package io.aiox.component.console;

import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.admin.UserRoles;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.Caller;
import io.aiox.web.auth.Role;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixture, never shipped: the console's sign-in side for tests of other groups. It trusts the header
 * {@value #HEADER} (a hub username) and keeps roles in memory; the real one checks signed tokens.
 */
final class TrustingTestAuth implements Authenticator, UserRoles {
  static final String HEADER = "x-test-user";

  private final Map<OwnerId, Role> roles = new ConcurrentHashMap<>();
  private UserRepository users;

  /** The hub's users, once the hub is up (the fixture is made before it). */
  void users(UserRepository users) {
    this.users = users;
  }

  @Override
  public Handler<RoutingContext> signedIn() {
    return ctx -> {
      String name = ctx.request().getHeader(HEADER);
      if (name == null) {
        ctx.fail(ProblemException.unauthorized("sign in first"));
        return;
      }
      users.findByName(name).onSuccess(u -> {
        if (u.isEmpty()) {
          ctx.fail(ProblemException.unauthorized("no such user"));
          return;
        }
        new Caller(u.get().id(), u.get().username(), u.get().xmppJid(), roles.getOrDefault(u.get().id(), Role.USER))
            .attach(ctx);
        ctx.next();
      }).onFailure(ctx::fail);
    };
  }

  @Override
  public Handler<RoutingContext> apiKey() {
    return ctx -> ctx.fail(ProblemException.unauthorized("no API keys in this fixture"));
  }

  @Override
  public Future<Role> role(OwnerId user) {
    return Future.succeededFuture(roles.getOrDefault(user, Role.USER));
  }

  @Override
  public Future<Void> setRole(OwnerId user, Role role) {
    roles.put(user, role);
    return Future.succeededFuture();
  }
}

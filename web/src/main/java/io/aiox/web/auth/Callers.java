package io.aiox.web.auth;

import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import java.util.Locale;

/** The caller a user id stands for, read from the users table: a disabled or deleted account is refused (403/401). */
public final class Callers {
  private final UserRepository users;

  public Callers(UserRepository users) {
    this.users = users;
  }

  public Future<Caller> of(OwnerId owner) {
    return users.findById(owner).compose(user -> {
      if (user.isEmpty()) {
        return Future.failedFuture(ProblemException.unauthorized("this account no longer exists"));
      }
      return of(user.get());
    });
  }

  public Future<Caller> of(User user) {
    if (!user.enabled()) {
      return Future.failedFuture(ProblemException.forbidden("the account " + user.username() + " is disabled"));
    }
    return users.role(user.id()).map(role -> new Caller(user.id(), user.username(), user.xmppJid(),
        Role.valueOf(role.orElse("user").toUpperCase(Locale.ROOT))));
  }
}

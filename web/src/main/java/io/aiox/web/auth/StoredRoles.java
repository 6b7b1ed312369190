package io.aiox.web.auth;

import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.admin.UserRoles;
import io.vertx.core.Future;
import java.util.Locale;

/** Console roles as the sign-in reads them: the {@code role} column of each user (migration V12). */
public final class StoredRoles implements UserRoles {
  private final UserRepository users;

  public StoredRoles(UserRepository users) {
    this.users = users;
  }

  @Override
  public Future<Role> role(OwnerId user) {
    return users.role(user).map(r -> r.map(s -> Role.valueOf(s.toUpperCase(Locale.ROOT))).orElse(Role.USER));
  }

  @Override
  public Future<Void> setRole(OwnerId user, Role role) {
    return users.setRole(user, role.wire());
  }
}

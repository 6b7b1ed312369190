package io.aiox.web.admin;

import io.aiox.schema.id.OwnerId;
import io.aiox.web.auth.Role;
import io.vertx.core.Future;

/** Where a user's console role is kept: the sign-in side owns it, the administration group reads and sets it. */
public interface UserRoles {
  /** The user's role ({@link Role#USER} for a user never given another). */
  Future<Role> role(OwnerId user);

  Future<Void> setRole(OwnerId user, Role role);
}

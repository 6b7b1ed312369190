/**
 * The console's administration group (docs/console.md, "Administration"): behind the admin role, the hub's users
 * (list, create with an XMPP account, change role and quota), its models with their health, and its federation
 * policy (read-only: the operator's file). The hub supplies the work through {@link io.aiox.web.admin.ConsoleAdmin};
 * roles are kept by the sign-in side ({@link io.aiox.web.admin.UserRoles}).
 */
package io.aiox.web.admin;

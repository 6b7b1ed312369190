package io.aiox.web.auth;

import io.aiox.schema.id.OwnerId;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * The person a request speaks for, set on the routing context by the authentication handler before any route of
 * {@code /api} (but sign-in) or {@code /v1} runs. {@code jid} is their bare XMPP address.
 */
public record Caller(OwnerId owner, String username, String jid, Role role) {
  private static final String KEY = "aiox.caller";

  public Caller {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(jid, "jid");
    Objects.requireNonNull(role, "role");
  }

  public boolean admin() {
    return role == Role.ADMIN;
  }

  /** The caller the authentication handler put on {@code ctx}; a route mounted behind it always has one. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("no authenticated caller on " + ctx.request().path()
          + ": the route is not behind the authentication handler");
    }
    return caller;
  }

  public void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
  }
}

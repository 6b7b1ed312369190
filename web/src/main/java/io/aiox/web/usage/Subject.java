package io.aiox.web.usage;

import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.id.OwnerId;
import io.aiox.web.auth.Caller;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whose numbers a request is about. Without {@code ?owner=} the caller's own; an admin may name any owner (or
 * {@code all}, where a route allows it); anyone else naming another owner gets 403, and the attempt goes into the
 * caller's audit chain ({@code access.denied}, {@code via: console}).
 */
public sealed interface Subject {
  /** One owner's numbers. */
  record One(OwnerId owner) implements Subject {}

  /** Every owner's numbers together (admins only). */
  record All() implements Subject {}

  /** Reads {@code ?owner=} for the caller on {@code ctx}. */
  static Future<Subject> of(RoutingContext ctx, boolean allowAll, AuditLog audit) {
    Caller caller = Caller.of(ctx);
    String asked = ctx.request().getParam("owner");
    if (asked == null || asked.equals(caller.owner().toString())) {
      return Future.succeededFuture(new One(caller.owner()));
    }
    if (!caller.admin()) {
      return Denials.deny(ctx, audit, ProblemException.forbidden("only an admin may ask for another owner's numbers"),
          new JsonObject().put("owner", asked));
    }
    if (asked.equals("all")) {
      return allowAll ? Future.succeededFuture(new All())
          : Future.failedFuture(ProblemException.badRequest("owner=all is not offered here; name one owner's id"));
    }
    return Params.uuid(asked).map(id -> Future.<Subject>succeededFuture(new One(new OwnerId(id))))
        .orElseGet(() -> Future.failedFuture(ProblemException.badRequest("owner must be an owner id (a UUID)"
            + (allowAll ? " or all" : "") + ", was " + asked)));
  }

  /** Refusals of a cross-owner request: audited in the caller's chain, then answered with the problem. */
  final class Denials {
    private static final Logger LOG = Logger.getLogger(Denials.class.getName());

    private Denials() {}

    public static <T> Future<T> deny(RoutingContext ctx, AuditLog audit, ProblemException problem, JsonObject what) {
      Caller caller = Caller.of(ctx);
      JsonObject details = what.copy().put("via", "console").put("route", ctx.request().method() + " "
          + ctx.request().path()).put("status", problem.problem().status());
      return audit.append(new AuditEvent(caller.owner(), Optional.empty(), "access.denied", Severity.WARNING,
          caller.jid(), details)).transform(ar -> {
            if (ar.failed()) {
              LOG.warning(() -> "could not audit a console refusal for " + caller.username() + ": " + ar.cause());
            }
            return Future.failedFuture(problem);
          });
    }
  }
}

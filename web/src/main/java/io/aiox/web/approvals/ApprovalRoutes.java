package io.aiox.web.approvals;

import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.Caller;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ConsoleServer;
import io.aiox.web.http.Problem;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;

/** {@code GET /api/approvals} and {@code POST /api/approvals/{id}} for a signed-in owner. */
public final class ApprovalRoutes implements ConsoleRoutes {
  static final String APPROVE = "approve";
  static final String DENY = "deny";
  private static final int MAX_ID_CHARS = 200;

  private final Authenticator auth;
  private final Approvals approvals;

  public ApprovalRoutes(Authenticator auth, Approvals approvals) {
    this.auth = auth;
    this.approvals = approvals;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/approvals").handler(auth.signedIn()).handler(this::list);
    router.post("/api/approvals/:id").handler(auth.signedIn()).handler(this::decide);
  }

  @Override
  public Optional<String> openApi() {
    return Optional.of("openapi/approvals.json");
  }

  private void list(RoutingContext ctx) {
    answer(ctx, approvals.waiting(Caller.of(ctx)), calls -> {
      JsonArray list = new JsonArray();
      calls.forEach(c -> list.add(c.toJson()));
      return new JsonObject().put("approvals", list);
    });
  }

  private void decide(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || id.isBlank() || id.length() > MAX_ID_CHARS) {
      throw ProblemException.badRequest("the call id is missing or too long");
    }
    Object decision = ConsoleServer.jsonBody(ctx).getValue("decision");
    if (!APPROVE.equals(decision) && !DENY.equals(decision)) {
      throw ProblemException.badRequest("'decision' must be '" + APPROVE + "' or '" + DENY + "'");
    }
    answer(ctx, approvals.decide(Caller.of(ctx), id, APPROVE.equals(decision)), d -> new JsonObject()
        .put("id", d.id()).put("decision", d.decision()).put("outcome", d.outcome()));
  }

  /** Answers on the request's context; a refused decision becomes its problem document. */
  private static <T> void answer(RoutingContext ctx, Future<T> result, Function<T, JsonObject> body) {
    Context here = Vertx.currentContext();
    result.onComplete(ar -> here.runOnContext(v -> {
      if (ar.succeeded()) {
        ctx.json(body.apply(ar.result()));
      } else if (ar.cause() instanceof ApprovalRefused refused) {
        ctx.fail(problem(refused));
      } else {
        ctx.fail(ar.cause());
      }
    }));
  }

  private static ProblemException problem(ApprovalRefused refused) {
    return switch (refused.reason()) {
      case NOT_FOUND -> ProblemException.notFound(refused.getMessage());
      case ALREADY_DECIDED -> ProblemException.conflict(refused.getMessage());
      case EXPIRED -> new ProblemException(new Problem("expired", 410, "Gone", refused.getMessage()));
    };
  }
}

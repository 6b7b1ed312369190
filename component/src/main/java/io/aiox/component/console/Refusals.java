package io.aiox.component.console;

import io.aiox.component.agents.AgentRefused;
import io.aiox.component.users.UserRefused;
import io.aiox.web.http.Problem;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;

/** The hub's typed refusals at the HTTP edge: each kind one status, the rule's own words as the detail. */
final class Refusals {
  private Refusals() {}

  static <T> Future<T> asProblem(Throwable e) {
    return Future.failedFuture(switch (e) {
      case AgentRefused r -> switch (r.kind()) {
        case INVALID -> problem("invalid", 400, "Bad Request", r);
        case UNKNOWN_MODEL -> problem("unknown-model", 400, "Bad Request", r);
        case NO_MASTER_KEY -> problem("no-master-key", 400, "Bad Request", r);
        case LIMIT -> problem("limit", 409, "Conflict", r);
        case NOT_FOUND -> ProblemException.notFound(r.getMessage());
      };
      case UserRefused r -> switch (r.kind()) {
        case INVALID -> problem("invalid", 400, "Bad Request", r);
        case EXISTS -> ProblemException.conflict(r.getMessage());
        case NOT_FOUND -> ProblemException.notFound(r.getMessage());
      };
      default -> e;
    });
  }

  private static ProblemException problem(String name, int status, String title, RuntimeException e) {
    return new ProblemException(new Problem(name, status, title, e.getMessage()));
  }
}

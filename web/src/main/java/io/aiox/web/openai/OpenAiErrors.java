package io.aiox.web.openai;

import io.aiox.web.http.Problem;
import io.aiox.web.http.ProblemException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors under {@code /v1}: still {@code application/problem+json}, with an {@code error} member in OpenAI's shape
 * ({@code {message, type, code}}) added, since OpenAI's clients read the message there and nowhere else (the
 * official npm client shows "404 status code (no body)" for a document without it).
 */
final class OpenAiErrors {
  private OpenAiErrors() {}

  /** The problem for a refused turn, keeping the hub's text. */
  static ProblemException of(TurnRefused refused) {
    TurnRefused.Reason r = refused.reason();
    Problem problem = new Problem(r.problem(), r.status(), title(r.status()), refused.getMessage());
    return new ProblemException(problem, error(refused.getMessage(), r.openAiType(), r.problem()));
  }

  /** The OpenAI {@code error} member. */
  static JsonObject error(String message, String type, String code) {
    return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
        .put("code", code).putNull("param"));
  }

  /**
   * Failure handler of the {@code /v1} routes: a problem gets the {@code error} member and goes on to the console's
   * failure handler, which answers it. A spent quota is marked not to be retried ({@code x-should-retry}, read by
   * OpenAI's clients): its text names when it resets.
   */
  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof TurnRefused refused) {
      if (refused.reason() == TurnRefused.Reason.QUOTA) {
        ctx.response().putHeader("x-should-retry", "false");
      } else if (refused.reason() == TurnRefused.Reason.BUSY) {
        ctx.response().putHeader("retry-after", "1");
      }
      failure = of(refused);
    }
    if (failure instanceof ProblemException p && !p.extra().containsKey("error")) {
      Problem problem = p.problem();
      failure = new ProblemException(problem, p.extra().copy().mergeIn(error(problem.detail(),
          problem.status() >= 500 ? "server_error" : "invalid_request_error", problem.name())));
    }
    if (failure instanceof ProblemException p && !ctx.response().headWritten()) {
      p.problem().send(ctx.response(), p.extra());
      return;
    }
    ctx.next();
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Bad Gateway";
    };
  }
}

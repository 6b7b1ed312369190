package io.aiox.web.http;

import io.vertx.core.json.JsonObject;

/**
 * A failure that already knows its problem document: a route fails its context with it (or a future in the route's
 * chain fails with it) and the console's failure handler answers with the document and {@code extra} members.
 */
public final class ProblemException extends RuntimeException {
  private final transient Problem problem;
  private final transient JsonObject extra;

  public ProblemException(Problem problem) {
    this(problem, new JsonObject());
  }

  public ProblemException(Problem problem, JsonObject extra) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.extra = extra;
  }

  public Problem problem() {
    return problem;
  }

  public JsonObject extra() {
    return extra;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(new Problem("bad-request", 400, "Bad Request", detail));
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(new Problem("unauthorized", 401, "Unauthorized", detail));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(new Problem("forbidden", 403, "Forbidden", detail));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(new Problem("not-found", 404, "Not Found", detail));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(new Problem("conflict", 409, "Conflict", detail));
  }

  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(new Problem("too-many-requests", 429, "Too Many Requests", detail),
        new JsonObject().put("retry_after_s", retryAfterSeconds));
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(new Problem("unavailable", 503, "Service Unavailable", detail));
  }
}

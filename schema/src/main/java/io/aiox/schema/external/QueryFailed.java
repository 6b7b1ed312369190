package io.aiox.schema.external;

/** The query could not run: the server is unreachable, refused the login, found an error, or ran out of time. */
public final class QueryFailed extends RuntimeException {
  public QueryFailed(String message) {
    super(message, null, false, false);
  }
}

package io.aiox.schema.external;

/**
 * The query is outside what the owner allowed: it is not a single read, it would modify data, or it reads a table
 * not in the allowed list. The text names the rule; nothing was returned.
 */
public final class QueryRefused extends RuntimeException {
  public QueryRefused(String message) {
    super(message, null, false, false);
  }
}

package io.aiox.schema;

/** The database could not be reached, bootstrapped or migrated; the message names the server or migration. */
public final class SchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}

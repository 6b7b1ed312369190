package io.aiox.policy.quota;

/** A quota store (Redis or PostgreSQL) could not be reached or failed; the message names it. */
public final class QuotaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QuotaUnavailableException(String store, Throwable cause) {
    super(store + " is unreachable: " + cause.getMessage(), cause);
  }
}

package io.aiox.policy.access;

/** The outcome of an access check; {@code reason} is shown to a refused sender and written to the audit log. */
public record AccessDecision(boolean allowed, boolean owner, String reason) {
  public static AccessDecision ownerAccess() {
    return new AccessDecision(true, true, "owner");
  }

  public static AccessDecision granted(String reason) {
    return new AccessDecision(true, false, reason);
  }

  public static AccessDecision denied(String reason) {
    return new AccessDecision(false, false, reason);
  }
}

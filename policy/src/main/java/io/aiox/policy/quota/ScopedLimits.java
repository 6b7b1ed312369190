package io.aiox.policy.quota;

/** The limits that apply to one turn, per scope, once governance, quota config and defaults are resolved. */
public record ScopedLimits(Limits user, Limits agent, Limits remoteDomain) {
  public Limits of(QuotaScope scope) {
    return switch (scope) {
      case USER -> user;
      case AGENT -> agent;
      case REMOTE_DOMAIN -> remoteDomain;
    };
  }
}

package io.aiox.policy.tool;

/** An agent's policy override that cannot be applied; the message names the key. Calls under it are denied. */
public final class PolicyInvalid extends RuntimeException {
  public PolicyInvalid(String message) {
    super(message, null, false, false);
  }
}

package io.aiox.policy.tool;

import java.util.Objects;

/** The gate's answer for one call; {@code reason} is written to the audit log and shown to whoever asked. */
public record ToolDecision(Verdict verdict, String reason) {
  public enum Verdict {
    /** Within policy: the call may run now. */
    ALLOWED,
    /** Outside policy: the call does not run. */
    DENIED,
    /** Within policy, but the owner must approve this call first. */
    NEEDS_APPROVAL
  }

  public ToolDecision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }

  public static ToolDecision allowed() {
    return new ToolDecision(Verdict.ALLOWED, "within the agent's policy");
  }

  public static ToolDecision denied(String reason) {
    return new ToolDecision(Verdict.DENIED, reason);
  }

  public static ToolDecision needsApproval(String reason) {
    return new ToolDecision(Verdict.NEEDS_APPROVAL, reason);
  }

  public boolean denied() {
    return verdict == Verdict.DENIED;
  }
}

package io.aiox.worker.turn;

import io.aiox.worker.tool.ToolApprovals.Decision;
import io.aiox.worker.tool.ToolApprovals;
import java.util.Objects;

/**
 * The decision on one tool call that waited for its owner's approval, and who took it (the owner's JID, or
 * {@code hub} at expiry); published on {@link ToolApprovals#decisionAddress} for the worker that waits.
 */
public record ApprovalDecision(String callId, Decision decision, String by) implements TurnMessage {
  public ApprovalDecision {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(by, "by");
  }
}

package io.aiox.worker.tool;

import io.aiox.policy.tool.approval.PendingApproval;
import io.aiox.worker.turn.ApprovalDecision;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Event-bus addresses and message shapes of an approval round trip between a worker and the XMPP component.
 * <ol>
 *   <li>The worker records the call in {@link io.aiox.policy.tool.approval.PendingApprovals}, listens on
 *       {@link #decisionAddress} and sends {@link #ask} to {@link #ASK_ADDRESS}; a component replies once it has
 *       sent the owner the form.</li>
 *   <li>Whichever component instance receives the owner's answer claims the pending entry and publishes
 *       {@link #decision} to {@link #decisionAddress}. At expiry the worker claims the entry itself.</li>
 * </ol>
 */
public final class ToolApprovals {
  /** Where a worker asks a component to put a call before its owner. */
  public static final String ASK_ADDRESS = "aiox.tool.approval.ask";

  /** The outcome of an approval; its order is part of the wire form of {@link ApprovalDecision} (TurnWire). */
  public enum Decision {
    APPROVED, DENIED, EXPIRED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private ToolApprovals() {}

  /** Prefix of {@link #decisionAddress}. */
  public static final String DECISION_PREFIX = "aiox.tool.approval.decision.";

  /** Where the decision on one call is published. */
  public static String decisionAddress(String callId) {
    return DECISION_PREFIX + callId;
  }

  /** The request to ask the owner: the pending entry plus what the owner needs to judge the call. */
  public static JsonObject ask(PendingApproval pending, String description, JsonObject arguments, String why) {
    return pending.toJson().put("description", description).put("arguments", arguments.copy())
        .put("why", why == null ? "" : why);
  }

  /** A decision on one call, and who took it (the owner's full JID, or {@code hub} at expiry). */
  public static ApprovalDecision decision(String callId, Decision decision, String by) {
    return new ApprovalDecision(callId, decision, by);
  }
}

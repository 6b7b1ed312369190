package io.aiox.web.approvals;

import io.aiox.web.auth.Caller;
import io.vertx.core.Future;
import java.util.List;

/** Tool calls waiting for their owner, and the owner's decisions on them. */
public interface Approvals {
  /** The caller's calls still waiting, soonest expiry first. */
  Future<List<WaitingToolCall>> waiting(Caller caller);

  /**
   * Decides one call for its owner, once, as the XMPP form would: the waiting turn goes on (on whichever hub
   * instance runs it). Fails with an {@link ApprovalRefused} when the call is not the caller's to decide, was
   * decided already, or expired.
   */
  Future<Decided> decide(Caller caller, String callId, boolean approve);
}

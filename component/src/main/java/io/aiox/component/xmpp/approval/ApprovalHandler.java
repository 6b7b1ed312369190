package io.aiox.component.xmpp.approval;

import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.policy.tool.approval.PendingApproval;
import io.aiox.policy.tool.approval.PendingApprovals;
import io.aiox.worker.tool.ToolApprovals;
import io.aiox.worker.tool.ToolApprovals.Decision;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;

/**
 * Both halves of an approval on the component: it sends the owner the form when a worker asks
 * ({@link ToolApprovals#ASK_ADDRESS}), and it takes the owner's answer. The sender is checked first (only the
 * agent's owner gets past), then the answer against the pending entry (the same agent and owner), then the entry is
 * claimed, so of two answers, or an answer and the expiry, exactly one decides; the decision goes to the waiting
 * worker and a short confirmation to the owner.
 */
public final class ApprovalHandler {
  private static final Logger LOG = Logger.getLogger(ApprovalHandler.class.getName());
  private static final String NOT_OWNER = "only the agent's owner may decide its tool calls";

  private final EventBus bus;
  private final PendingApprovals pending;
  private final Consumer<Packet> out;

  public ApprovalHandler(EventBus bus, PendingApprovals pending, Consumer<Packet> out) {
    this.bus = bus;
    this.pending = pending;
    this.out = out;
  }

  /** Starts taking workers' requests; completes once the consumer is registered. */
  public Future<Void> listen() {
    return bus.<JsonObject>consumer(ToolApprovals.ASK_ADDRESS, m -> {
      out.accept(ApprovalForm.request(m.body()));
      m.reply(new JsonObject().put("sent", true));
    }).completion();
  }

  /** Whether the message is an answer to an approval form (and so not a chat turn). */
  public boolean claims(Message m) {
    return m.getType() != Message.Type.error && ApprovalForm.answer(m).isPresent();
  }

  public void handle(Message m, Target target) {
    ApprovalForm.Answer answer = ApprovalForm.answer(m).orElseThrow();
    if (!fromOwner(target)) {
      // Before the lookup, so that a stranger learns nothing about which calls are waiting (rfc/ section 9.4).
      LOG.info(() -> "refused an approval answer from " + m.getFrom() + " (not the owner)");
      error(m, Condition.forbidden, NOT_OWNER);
      return;
    }
    if (answer.callId() == null) {
      error(m, Condition.bad_request, "the approval form names no call (field call_id)");
      return;
    }
    if (answer.decision() == null) {
      error(m, Condition.not_acceptable, "the decision must be '" + ApprovalForm.APPROVE + "' or '"
          + ApprovalForm.DENY + "'");
      return;
    }
    pending.peek(answer.callId())
        .compose(waiting -> decide(m, target, answer, waiting))
        .onFailure(e -> {
          LOG.warning(() -> "approval answer from " + m.getFrom() + " failed: " + e);
          error(m, Condition.internal_server_error, "the decision could not be recorded; try again");
        });
  }

  private Future<Void> decide(Message m, Target target, ApprovalForm.Answer answer, Optional<PendingApproval> waiting) {
    String gone = "no tool call " + answer.callId() + " is waiting for a decision: it was decided or has expired";
    if (waiting.isEmpty() || !waiting.get().agent().equals(target.agent().get().id())) {
      error(m, Condition.item_not_found, gone);
      return Future.succeededFuture();
    }
    if (!waiting.get().owner().equals(target.sender().get().id())) {
      // The agent changed hands while the call waited: only the owner it asked decides.
      LOG.info(() -> "refused an approval answer from " + m.getFrom() + " (not the owner the call asked)");
      error(m, Condition.forbidden, NOT_OWNER);
      return Future.succeededFuture();
    }
    return pending.claim(answer.callId()).map(claimed -> {
      if (claimed.isEmpty()) {
        error(m, Condition.item_not_found, gone);
        return null;
      }
      Decision decision = claimed.get().expired(Instant.now()) ? Decision.EXPIRED
          : answer.approved() ? Decision.APPROVED : Decision.DENIED;
      bus.publish(ToolApprovals.decisionAddress(answer.callId()),
          ToolApprovals.decision(answer.callId(), decision, m.getFrom().toBareJID()));
      out.accept(confirmation(m, claimed.get(), decision));
      return null;
    });
  }

  /** Whether the sender is the agent's owner (their account or a JID they linked, resolved by the router). */
  private static boolean fromOwner(Target target) {
    return target.agent().isPresent() && target.sender().isPresent()
        && target.sender().get().id().equals(target.agent().get().owner());
  }

  private static Message confirmation(Message answer, PendingApproval call, Decision decision) {
    Message m = new Message();
    m.setType(Message.Type.normal);
    m.setID(UUID.randomUUID().toString());
    m.setFrom(answer.getTo());
    m.setTo(answer.getFrom());
    m.setThread(call.callId());
    m.setBody(outcome(call.tool(), decision));
    return m;
  }

  /** What a decision means for the call, as the owner is told (here and by the console). */
  public static String outcome(String tool, Decision decision) {
    return switch (decision) {
      case APPROVED -> "Approved: the " + tool + " call runs now.";
      case DENIED -> "Denied: the " + tool + " call will not run.";
      case EXPIRED -> "Too late: the " + tool + " call expired and will not run.";
    };
  }

  private void error(Message m, Condition condition, String text) {
    Packet reply = StanzaErrors.reply(m, condition, text);
    if (reply != null) {
      out.accept(reply);
    }
  }
}

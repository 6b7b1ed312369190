package io.aiox.component.console;

import io.aiox.component.xmpp.approval.ApprovalHandler;
import io.aiox.policy.tool.approval.PendingApproval;
import io.aiox.policy.tool.approval.PendingApprovals;
import io.aiox.policy.tool.approval.WaitingCall;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.id.AgentId;
import io.aiox.web.approvals.ApprovalRefused;
import io.aiox.web.approvals.ApprovalRefused.Reason;
import io.aiox.web.approvals.Approvals;
import io.aiox.web.approvals.Decided;
import io.aiox.web.approvals.WaitingToolCall;
import io.aiox.web.auth.Caller;
import io.aiox.worker.tool.ToolApprovals;
import io.aiox.worker.tool.ToolApprovals.Decision;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The owner's decisions from the console, under the XMPP form's rules (rfc section 9.4): only the owner the call
 * asked decides (anyone else learns nothing: the same 404 as for an unknown call, and the owner's audit log records
 * the attempt); the first decision claims the pending entry, so a decision is applied once; a claim after the
 * expiry decides nothing. The decision is published where the waiting worker listens, which the clustered bus
 * reaches on whichever node runs the turn.
 */
public final class ConsoleApprovals implements Approvals {
  private static final Logger LOG = Logger.getLogger(ConsoleApprovals.class.getName());

  private final EventBus bus;
  private final PendingApprovals pending;
  private final AgentRepository agents;
  private final AuditLog audit;

  public ConsoleApprovals(EventBus bus, PendingApprovals pending, AgentRepository agents, AuditLog audit) {
    this.bus = bus;
    this.pending = pending;
    this.agents = agents;
    this.audit = audit;
  }

  @Override
  public Future<List<WaitingToolCall>> waiting(Caller caller) {
    return pending.waiting(caller.owner()).compose(calls -> agents.listByOwner(caller.owner()).map(own -> {
      Map<AgentId, String> names = own.stream().collect(Collectors.toMap(Agent::id, Agent::name, (a, b) -> a));
      return calls.stream().map(c -> shown(c, names)).toList();
    }));
  }

  private static WaitingToolCall shown(WaitingCall c, Map<AgentId, String> names) {
    PendingApproval call = c.call();
    return new WaitingToolCall(call.callId(), call.agent().toString(), names.getOrDefault(call.agent(),
        call.agentJid()), call.tool(), c.arguments(), c.why(), c.requestedAt(), call.expiresAt());
  }

  @Override
  public Future<Decided> decide(Caller caller, String callId, boolean approve) {
    String gone = "no tool call " + callId + " is waiting for your decision: it was decided or has expired";
    return pending.peek(callId).compose(waiting -> {
      if (waiting.isEmpty()) {
        return Future.failedFuture(new ApprovalRefused(Reason.NOT_FOUND, gone));
      }
      if (!waiting.get().owner().equals(caller.owner())) {
        return stranger(caller, waiting.get()).transform(v -> Future.failedFuture(
            new ApprovalRefused(Reason.NOT_FOUND, gone)));
      }
      return pending.claim(callId).map(claimed -> decided(caller, callId, approve, claimed));
    });
  }

  private Decided decided(Caller caller, String callId, boolean approve, Optional<PendingApproval> claimed) {
    if (claimed.isEmpty()) {
      throw new ApprovalRefused(Reason.ALREADY_DECIDED, "the tool call " + callId
          + " was decided a moment ago, by another answer or by its expiry");
    }
    Decision decision = claimed.get().expired(Instant.now()) ? Decision.EXPIRED
        : approve ? Decision.APPROVED : Decision.DENIED;
    bus.publish(ToolApprovals.decisionAddress(callId), ToolApprovals.decision(callId, decision, caller.jid()));
    String outcome = ApprovalHandler.outcome(claimed.get().tool(), decision);
    if (decision == Decision.EXPIRED) {
      throw new ApprovalRefused(Reason.EXPIRED, outcome);
    }
    return new Decided(callId, decision.wire(), outcome);
  }

  /** Someone who is not the owner named the call: the owner's log says so; the caller is told nothing more. */
  private Future<Void> stranger(Caller caller, PendingApproval call) {
    LOG.info(() -> "refused a console decision on " + call.callId() + " from " + caller.jid() + " (not the owner)");
    JsonObject details = new JsonObject().put("sender", caller.jid()).put("route", "POST /api/approvals/{id}")
        .put("call_id", call.callId()).put("reason", "only the agent's owner may decide its tool calls");
    return audit.append(new AuditEvent(call.owner(), Optional.of(call.agent()), "access.denied", Severity.WARNING,
        caller.jid(), details)).<Void>mapEmpty().recover(e -> {
          LOG.warning(() -> "could not audit a refused decision on " + call.callId() + ": " + e);
          return Future.succeededFuture();
        });
  }
}

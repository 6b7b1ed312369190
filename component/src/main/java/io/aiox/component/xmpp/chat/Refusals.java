package io.aiox.component.xmpp.chat;

import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.TurnOutcome;
import io.aiox.worker.telemetry.Violation;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError.Condition;

/**
 * A message the quota check did not admit: the sender gets the error that says why (rfc section 7), the refusal is
 * counted, and the agent's owner finds it in the audit log.
 */
final class Refusals {
  /** Logged as the chat handler: the lines of one chat message stay under one logger. */
  private static final Logger LOG = Logger.getLogger(ChatHandler.class.getName());

  private final Metrics metrics;
  private final AuditLog audit;
  private final TurnReplies replies;

  Refusals(Metrics metrics, AuditLog audit, TurnReplies replies) {
    this.metrics = metrics;
    this.audit = audit;
    this.replies = replies;
  }

  /** rfc section 7: a spent limit is {@code policy-violation}, too many running turns {@code resource-constraint}. */
  void refused(Message message, Agent agent, Refused refused, long started, Span span) {
    TurnOutcome outcome = refused.concurrency() ? TurnOutcome.BUSY : TurnOutcome.REFUSED;
    metrics.turnEnded(outcome, TurnReplies.since(started));
    metrics.quotaRefused(refused.scope().configName(), refused.limit().key());
    metrics.policyViolation(Violation.QUOTA_EXCEEDED);
    replies.send(message, refused.concurrency()
        ? StanzaErrors.reply(message, Condition.resource_constraint, refused.text())
        : StanzaErrors.policyViolation(message, refused.text()), span);
    TurnReplies.ended(span, outcome, null, Future.succeededFuture());
    JsonObject details = new JsonObject().put("scope", refused.scope().configName())
        .put("limit", refused.limit().key()).put("max", refused.limitValue()).put("remaining", refused.remaining())
        .put("requested", refused.requested()).put("resets_at", refused.resetsAt().toString());
    audit(message, agent, "quota.exceeded", Severity.WARNING, details);
  }

  /** Governance fails closed: no turn runs; the sender is told why, and the owner's audit log says so if it can. */
  void unavailable(Message message, Agent agent, Unavailable unavailable, long started, Span span) {
    metrics.turnEnded(TurnOutcome.UNAVAILABLE, TurnReplies.since(started));
    TurnReplies.logContext(message, agent).log(LOG, Level.WARNING, "refused a turn for " + agent.jid()
        + ": quotas unavailable: " + unavailable.detail());
    replies.send(message, StanzaErrors.reply(message, Condition.service_unavailable, unavailable.text()), span);
    TurnReplies.ended(span, TurnOutcome.UNAVAILABLE,
        new IllegalStateException("quotas unavailable: " + unavailable.detail()), Future.succeededFuture());
    audit(message, agent, "quota.unavailable", Severity.CRITICAL,
        new JsonObject().put("reason", unavailable.detail()));
  }

  private void audit(Message message, Agent agent, String type, Severity severity, JsonObject details) {
    String sender = message.getFrom().toBareJID();
    audit.append(new AuditEvent(agent.owner(), Optional.of(agent.id()), type, severity, sender, details))
        .onFailure(e -> TurnReplies.logContext(message, agent).log(LOG, Level.WARNING, "could not audit " + type
            + " for " + agent.jid() + ": " + e.getMessage()));
  }
}

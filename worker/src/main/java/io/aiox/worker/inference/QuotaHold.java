package io.aiox.worker.inference;

import io.aiox.policy.quota.QuotaOutcome;
import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.aiox.policy.quota.Reservation;
import io.aiox.policy.quota.Reservations;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Violation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One turn's quota reservation on the worker's side: before a model is asked, the reservation is grown to that
 * model's prompt as it will be sent plus the longest answer allowed, so the turn never runs on tokens it does not
 * hold. A turn sent without a reservation (a benchmark's, or a test's straight onto the bus) holds nothing and is
 * not checked here. Not thread-safe: one turn's steps run one after another on its event loop.
 */
final class QuotaHold {
  private static final Logger LOG = Logger.getLogger(QuotaHold.class.getName());
  private final Reservations reservations;
  private final AuditLog audit;
  private final Metrics metrics;
  private final String sender;
  private Optional<Reservation> held;

  QuotaHold(Reservations reservations, AuditLog audit, Metrics metrics, Optional<Reservation> held, String sender) {
    this.reservations = reservations;
    this.audit = audit;
    this.metrics = metrics;
    this.held = held;
    this.sender = sender;
  }

  /**
   * Holds at least {@code tokens} for the turn. Fails with {@link TurnRefused} (a limit would be passed; audited as
   * {@code quota.exceeded}) or a non-retriable {@link EngineFailure} (the quotas cannot be checked: fail closed).
   */
  Future<Void> cover(long tokens) {
    if (held.isEmpty() || held.get().tokens() >= tokens) {
      return Future.succeededFuture();
    }
    Reservation r = held.get();
    return reservations.growTo(r, tokens).compose(outcome -> switch (outcome) {
      case Admitted a -> {
        held = Optional.of(a.reservation());
        yield Future.<Void>succeededFuture();
      }
      case Refused refused -> refuse(r, refused);
      case Unavailable u -> Future.<Void>failedFuture(new EngineFailure(EngineFailure.Kind.REJECTED, u.text()));
    });
  }

  private Future<Void> refuse(Reservation r, Refused refused) {
    metrics.quotaRefused(refused.scope().configName(), refused.limit().key());
    metrics.policyViolation(Violation.QUOTA_EXCEEDED);
    JsonObject details = new JsonObject().put("scope", refused.scope().configName())
        .put("limit", refused.limit().key()).put("max", refused.limitValue()).put("remaining", refused.remaining())
        .put("requested", refused.requested()).put("resets_at", refused.resetsAt().toString())
        .put("stage", "prompt");
    // the refusal reaches the sender whether or not the audit log takes it
    audit.append(new AuditEvent(r.owner(), Optional.of(r.agent()), "quota.exceeded", Severity.WARNING, sender,
        details)).onFailure(e -> LOG.warning(() -> "could not audit quota.exceeded for agent " + r.agent() + ": "
            + e.getMessage()));
    return Future.failedFuture(new TurnRefused(refused.text()));
  }

  /** A turn governance refused after admission; the sender gets {@code policy-violation} with the text. */
  static final class TurnRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TurnRefused(String text) {
      super(text, null, false, false);
    }
  }
}

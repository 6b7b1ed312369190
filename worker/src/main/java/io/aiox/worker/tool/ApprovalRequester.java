package io.aiox.worker.tool;

import io.aiox.policy.tool.approval.PendingApproval;
import io.aiox.policy.tool.approval.PendingApprovals;
import io.aiox.policy.tool.approval.WaitingCall;
import io.aiox.worker.tool.ToolApprovals.Decision;
import io.aiox.worker.turn.ApprovalDecision;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The worker's side of an approval: record the call as pending, ask a component to send the owner the form, and
 * wait for whichever comes first, the owner's decision or the expiry. At expiry the pending entry is claimed here;
 * if the owner's answer claimed it a moment before, its decision is awaited a little longer, and if it never
 * arrives the call counts as expired (fail closed).
 */
final class ApprovalRequester {
  /** The verdict and who gave it. */
  record Verdict(Decision decision, String by) {}

  private static final long ASK_TIMEOUT_MS = 10_000;
  private static final long LATE_DECISION_MS = 5_000;

  private final Vertx vertx;
  private final PendingApprovals pending;

  ApprovalRequester(Vertx vertx, PendingApprovals pending) {
    this.vertx = vertx;
    this.pending = pending;
  }

  /** The owner's verdict; fails when the owner could not be asked at all. */
  Future<Verdict> ask(PendingApproval call, JsonObject question) {
    Promise<Verdict> verdict = Promise.promise();
    MessageConsumer<ApprovalDecision> consumer = vertx.eventBus().consumer(
        ToolApprovals.decisionAddress(call.callId()),
        m -> verdict.tryComplete(new Verdict(m.body().decision(), m.body().by())));
    long wait = Math.max(1, Duration.between(Instant.now(), call.expiresAt()).toMillis());
    long timer = vertx.setTimer(wait, id -> expire(call, verdict));
    consumer.completion()
        .compose(v -> pending.open(new WaitingCall(call, question.getString("description"),
            question.getJsonObject("arguments"), question.getString("why"), Instant.now())))
        .compose(opened -> opened ? vertx.eventBus().request(ToolApprovals.ASK_ADDRESS, question,
            new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS)) : Future.failedFuture("call id in use"))
        .onFailure(e -> pending.claim(call.callId()).onComplete(r -> verdict.tryFail(e)));
    return verdict.future().andThen(r -> {
      vertx.cancelTimer(timer);
      consumer.unregister();
    });
  }

  private void expire(PendingApproval call, Promise<Verdict> verdict) {
    pending.claim(call.callId()).onComplete(claimed -> {
      if (claimed.succeeded() && claimed.result().isEmpty()) {
        // The owner's answer took the entry first: its decision is on the way.
        vertx.setTimer(LATE_DECISION_MS, id -> verdict.tryComplete(new Verdict(Decision.EXPIRED, "hub")));
      } else {
        verdict.tryComplete(new Verdict(Decision.EXPIRED, "hub"));
      }
    });
  }
}

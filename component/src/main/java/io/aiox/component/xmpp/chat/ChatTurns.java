package io.aiox.component.xmpp.chat;

import io.aiox.component.cluster.TurnWatch;
import io.aiox.component.cluster.WorkerChoice;
import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.policy.quota.Quotas;
import io.aiox.policy.quota.Reservation;
import io.aiox.schema.agent.Agent;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.telemetry.TurnOutcome;
import io.aiox.worker.telemetry.Violation;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.Turns;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;

/**
 * An admitted chat turn on the event bus: sent to a worker that serves the agent's model ({@code composing} once it
 * has run a moment without an answer: {@link ProgressiveAnswer#COMPOSING_AFTER}), then its answer, or the error its
 * failure maps to. The reservation is settled with the turn's real token count when the answer arrives, and released
 * when the turn fails. This is the hub's busiest path: one callback per reply, nothing looked up or made per turn
 * beyond the turn's own request.
 */
final class ChatTurns {
  /** Logged as the chat handler: the lines of one chat message stay under one logger. */
  private static final Logger LOG = Logger.getLogger(ChatHandler.class.getName());

  private final EventBus bus;
  private final Consumer<Packet> out;
  private final Duration turnTimeout;
  private final Quotas quotas;
  private final Metrics metrics;
  private final Tracing tracing;
  /** Null: every answer is one message. */
  private final ProgressiveAnswers progressive;
  private final TurnWatch watch;
  private final WorkerChoice workers;
  private final TurnReplies replies;
  private final RepeatsAndStops repeats;

  ChatTurns(ChatSetup setup, TurnReplies replies, RepeatsAndStops repeats) {
    this.bus = setup.bus();
    this.out = setup.out();
    this.turnTimeout = setup.turnTimeout();
    this.quotas = setup.quotas();
    this.metrics = setup.metrics();
    this.tracing = setup.tracing();
    this.progressive = setup.progressive().orElse(null);
    this.watch = setup.watch();
    this.workers = setup.workers();
    this.replies = replies;
    this.repeats = repeats;
  }

  /** {@code asked}: the chain of a question from another agent, which gets no chat states and a marked answer. */
  void run(Message message, Agent agent, String body, Reservation reservation, Optional<Chain> asked,
           long started, Span span) {
    String requestId = ChatStanzas.requestId(message); // once: a message without ids gets a fresh one
    TurnRequest typed = TurnRequest.of(requestId, agent.id(), agent.owner(), message.getFrom().toString(), body)
        .reserved(reservation);
    typed = asked.isPresent() ? typed.asked(asked.get()) : typed.withToolStatus();
    ProgressiveAnswer answering = growing(message, agent, requestId, asked);
    if (answering == null && asked.isEmpty() && !ChatStanzas.inRoom(message)) {
      out.accept(ChatStanzas.chatState(message, "composing")); // with progressive answers, their timer says it
    }
    TurnRequest turn = answering == null ? typed : typed.streamingTo(progressive.address());
    long sent = System.nanoTime();
    Span request = tracing.child("worker.request", span, SpanKind.CLIENT);
    watch.send(message, tracing.propagate(request, new DeliveryOptions().setSendTimeout(turnTimeout.toMillis())),
            options -> toWorker(agent, turn, options))
        .onComplete(ar -> { // one callback per turn: the reply's path is the hub's busiest
          TurnReply answered = null;
          Throwable failure = ar.cause();
          if (ar.succeeded()) {
            try {
              answered = ar.result().body(); // from another node read here: a reply that does not read fails
            } catch (RuntimeException unreadable) {
              failure = unreadable;
            }
          }
          metrics.workerRequest("turn", failure == null ? "ok" : TurnFailures.status(failure),
              TurnReplies.since(sent));
          if (failure != null) {
            Tracing.failed(request, failure);
          }
          request.end();
          if (failure == null) {
            turnAnswered(message, agent, reservation, answered, answering, started, span);
          } else {
            turnFailed(message, agent, reservation, failure, answering, started, span);
          }
        });
  }

  /** The worker answered: the reservation is settled with the real count, and the answer goes out. */
  private void turnAnswered(Message message, Agent agent, Reservation reservation,
                            TurnReply answered, ProgressiveAnswer answering, long started, Span span) {
    // a worker that reports no counts is charged the whole reservation
    Future<Void> settled = settle(reservation, answered.tokens().map(TurnReply.Tokens::total)
        .orElse(reservation.tokens()), message, agent, span);
    answered.tokens().ifPresent(t -> metrics.tokensUsed(t.prompt(), t.completion()));
    metrics.turnEnded(TurnOutcome.ANSWERED, TurnReplies.since(started));
    Message answer = ChatStanzas.answer(message, answered.body());
    AgentToAgent.markAnswer(answer, message);
    if (answering == null) {
      replies.send(message, answer, span);
    } else {
      answering.finish(answer, a -> replies.send(message, a, span));
    }
    answered.model().ifPresent(m -> span.setAttribute(Tracing.MODEL, m));
    TurnReplies.ended(span, TurnOutcome.ANSWERED, null, settled);
  }

  /** The turn failed or timed out: the reservation is released or kept, and the sender gets an error. */
  private void turnFailed(Message message, Agent agent, Reservation reservation, Throwable e,
                          ProgressiveAnswer answering, long started, Span span) {
    // A turn that timed out here may still be generating: it keeps its whole reservation, as the worker grew
    // it for its prompt. Others used nothing.
    boolean timedOut = e instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT;
    Future<Void> settled = timedOut ? settled(tracing.traced("quota.settle", span,
        () -> quotas.settleReserved(reservation)), reservation, message, agent)
        : settle(reservation, 0, message, agent, span);
    TurnFailures.outcome(e).ifPresent(outcome -> metrics.turnEnded(outcome, TurnReplies.since(started)));
    if (TurnFailures.refused(e)) {
      metrics.policyViolation(Violation.TURN_REFUSED);
    }
    if (answering != null) {
      answering.broke();
    }
    failed(message, agent, e, span);
    TurnReplies.ended(span, TurnFailures.outcome(e).orElse(null), e, settled);
  }

  /**
   * To a worker that serves the agent's model (or the default model): the one {@link WorkerChoice} picks by free
   * slots when workers announced their load, else any on {@link Turns#modelAddress}; else to any worker: an agent
   * whose model no worker loaded is answered by the default or its fallbacks.
   */
  private Future<io.vertx.core.eventbus.Message<TurnReply>> toWorker(Agent agent, TurnRequest turn,
                                                                    DeliveryOptions options) {
    String model = agent.llmConfig().getValue("model") instanceof String m ? m : null;
    String to = workers.address(model);
    if (to == null && model == null) {
      return bus.request(Turns.ADDRESS, turn, options);
    }
    return bus.<TurnReply>request(to != null ? to : Turns.modelAddress(model), turn, options).recover(e ->
        e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
            ? bus.request(Turns.ADDRESS, turn, options) : Future.failedFuture(e));
  }

  /**
   * The answer that grows as it is written, for a person's message when this hub shows answers so (null else: an
   * agent's question gets one marked answer, and a room one message, as corrections there would reach every
   * occupant); the turn then streams its pieces to this instance.
   */
  private ProgressiveAnswer growing(Message message, Agent agent, String requestId, Optional<Chain> asked) {
    if (progressive == null || asked.isPresent() || ChatStanzas.inRoom(message)) {
      return null;
    }
    return progressive.open(message, requestId, agent.id().toString());
  }

  private Future<Void> settle(Reservation reservation, long tokens, Message message, Agent agent, Span span) {
    return settled(tracing.traced("quota.settle", span, () -> quotas.settle(reservation, tokens)), reservation,
        message, agent);
  }

  private Future<Void> settled(Future<Void> settling, Reservation reservation, Message message, Agent agent) {
    return settling.onFailure(e -> TurnReplies.logContext(message, agent).log(LOG, Level.WARNING,
        "quota reservation " + reservation.id() + " not settled (its slot frees itself when it expires): "
            + e.getMessage()));
  }

  /** The error a failed turn's sender gets, by how it failed (rfc section 7). */
  private void failed(Message message, Agent agent, Throwable e, Span span) {
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && TurnFailure.of(re.failureCode()) == TurnFailure.DUPLICATE) {
      // another hub instance took this request id: the sender gets what its record says, or nothing while it runs
      repeats.repeated(message, agent);
      return;
    }
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && TurnFailure.of(re.failureCode()) == TurnFailure.REFUSED) {
      replies.send(message, StanzaErrors.policyViolation(message, re.getMessage()), span);
      return;
    }
    Condition condition = Condition.internal_server_error;
    String text = "the agent failed to answer; try again later";
    if (e instanceof ReplyException re) {
      switch (re.failureType()) {
        case NO_HANDLERS -> {
          condition = Condition.service_unavailable;
          text = "the agent's inference service is not running; try again later";
        }
        case TIMEOUT -> {
          condition = Condition.remote_server_timeout;
          text = "the agent did not answer within " + turnTimeout.toSeconds() + " s";
        }
        default -> {
          TurnFailure failure = TurnFailure.of(re.failureCode());
          condition = switch (failure) {
            case BUSY -> Condition.resource_constraint;
            case MODEL_UNAVAILABLE, REFUSED, DUPLICATE -> Condition.service_unavailable;
          };
          text = re.getMessage();
        }
      }
    }
    replies.send(message, StanzaErrors.reply(message, condition, text), span);
  }
}

package io.aiox.component.xmpp.chat;

import io.aiox.component.cluster.TurnWatch;
import io.aiox.component.cluster.WorkerChoice;
import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.component.xmpp.xep0363.FilesToMemory;
import io.aiox.component.xmpp.xep0363.SentFile;
import io.aiox.policy.quota.PromptEstimate;
import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.aiox.policy.quota.QuotaOutcome;
import io.aiox.policy.quota.QuotaRequest;
import io.aiox.policy.quota.Quotas;
import io.aiox.policy.quota.Reservation;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.telemetry.LogContext;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.telemetry.TurnOutcome;
import io.aiox.worker.telemetry.Violation;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.TurnStop;
import io.aiox.worker.turn.Turns;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dom4j.Element;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;

/**
 * A message to an agent: receipt, the quota check (which reserves the turn's maximum, or refuses it with a text that
 * names the limit and its reset time), the turn on the event bus ({@code composing} once it has run a moment without
 * an answer: {@link ProgressiveAnswer#COMPOSING_AFTER}), then the answer or an error.
 * The reservation is settled with the turn's real token count when the answer arrives, and released when the turn
 * fails. Each turn is a trace: {@code turn}, with {@code quota.reserve}, {@code worker.request} (the inference
 * side's spans below it), {@code reply.send} and {@code quota.settle} under it.
 */
public final class ChatHandler {
  private static final Logger LOG = Logger.getLogger(ChatHandler.class.getName());
  public static final String CHATSTATES = "http://jabber.org/protocol/chatstates";
  public static final String RECEIPTS = "urn:xmpp:receipts";
  public static final String SID = "urn:xmpp:sid:0";
  /**
   * A message whose body is only this word (any case, surrounding white space ignored) stops the sender's running
   * turn instead of starting one; any other text, {@code stop.} or {@code "stop"} say, goes to the model.
   */
  public static final String STOP = "stop";
  /** The answer to a stop when the sender has no turn with the agent running or waiting. */
  public static final String NOTHING_TO_STOP = "(nothing to stop: no answer to you is being written or waiting)";

  private final EventBus bus;
  private final Consumer<Packet> out;
  private final Duration turnTimeout;
  private final Quotas quotas;
  private final AuditLog audit;
  private final String hubDomain;
  private final AgentToAgent a2a;
  private final ExecutionRepository executions;
  private final RecentRequests recent = new RecentRequests(10_000);
  private Metrics metrics = Metrics.NONE;
  private Tracing tracing = Tracing.NONE;
  /** Null: a file sent is a chat turn like any message. */
  private FilesToMemory files;
  /** Null: every answer is one message. */
  private ProgressiveAnswers progressive;
  /** Which worker node took each turn, on a clustered bus (a lost worker's turns end with a text). */
  private TurnWatch watch = TurnWatch.none();
  private WorkerChoice workers = WorkerChoice.none();

  /**
   * {@code hubDomain}: the users' domain; senders from any other domain also count against their domain's quota.
   * {@code executions}: where a stop looks for the sender's running turn, on whichever instance it runs.
   */
  public ChatHandler(EventBus bus, Consumer<Packet> out, Duration turnTimeout, Quotas quotas, AuditLog audit,
                     String hubDomain, AgentToAgent a2a, ExecutionRepository executions) {
    this.a2a = a2a;
    this.executions = executions;
    this.bus = bus;
    this.out = out;
    this.turnTimeout = turnTimeout;
    this.quotas = quotas;
    this.audit = audit;
    this.hubDomain = hubDomain;
  }

  /** Where turns, tokens and refusals are counted (the hub's metrics). */
  public ChatHandler withMetrics(Metrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /** Where each turn's spans go (the hub's tracing). */
  public ChatHandler withTracing(Tracing tracing) {
    this.tracing = tracing;
    return this;
  }

  /** Shows answers as they are written to clients that take corrections (rfc section 6.2). */
  public ChatHandler withProgressive(ProgressiveAnswers progressive) {
    this.progressive = progressive;
    return this;
  }

  /** On a clustered bus: ends the turns of a worker node that leaves with a text instead of silence. */
  public ChatHandler withTurnWatch(TurnWatch watch) {
    this.watch = watch;
    return this;
  }

  /** Which worker a turn goes to among those serving its model, by their free slots (clustered bus); before use. */
  public ChatHandler withWorkers(WorkerChoice workers) {
    this.workers = workers;
    return this;
  }

  /** Takes files sent to an agent into its memory instead of running a turn (rfc section 6.3). */
  public ChatHandler withFiles(FilesToMemory files) {
    this.files = files;
    return this;
  }

  /** Whether {@code m} answers a question one of our agents asked; if so it is handed to that question. */
  public boolean answered(Message m) {
    return a2a.answered(m);
  }

  public void handle(Message message, Target target) {
    if (message.getType() == Message.Type.error) {
      return;
    }
    Agent agent = target.agent().orElseThrow();
    Optional<Chain> asked = AgentToAgent.asked(message, agent.jid().domain());
    if (asked.isEmpty() && !inRoom(message) && message.getChildElement("request", RECEIPTS) != null
        && message.getID() != null) {
      out.accept(receipt(message));
    }
    String body = message.getBody();
    if (body == null || body.isBlank()) {
      return; // a chat state or a marker alone: nothing to answer
    }
    if (!recent.first(agent.id() + "/" + requestId(message))) {
      repeated(message, agent); // the same request again: it is running or was answered
      return;
    }
    if (body.strip().equalsIgnoreCase(STOP)) {
      stop(message, agent);
      return;
    }
    Optional<SentFile> file = files == null || asked.isPresent() ? Optional.empty() : files.file(message);
    if (file.isPresent()) {
      files.take(message, target, file.get());
      return;
    }
    long started = System.nanoTime();
    Span span = tracing.root("turn").setAttribute(Tracing.AGENT_ID, agent.id().toString());
    Future<QuotaOutcome> reserved = tracing.traced("quota.reserve", span,
        () -> quotas.reserve(quotaRequest(agent, message, body, asked)));
    reserved.onComplete(ar -> {
      metrics.stage("quota", since(started));
      QuotaOutcome outcome = ar.succeeded() ? ar.result() : new Unavailable("no turn can run now: the quota check"
          + " failed; try again shortly", String.valueOf(ar.cause()));
      switch (outcome) {
        case Admitted admitted -> run(message, agent, body, admitted.reservation(), asked, started, span);
        case Refused refused -> refused(message, agent, refused, started, span);
        case Unavailable unavailable -> unavailable(message, agent, unavailable, started, span);
      }
    });
  }

  /**
   * A request id that already ran (a client's resend after a lost connection, or the same stanza reaching another
   * hub instance): it never runs twice, and the sender is not left in silence. A finished request's answer (or
   * error) is sent again from its record; a running one answers when it ends; an id another sender already used
   * with this agent is refused with {@code conflict}, and nobody else's answer is ever shown.
   */
  private void repeated(Message message, Agent agent) {
    if (!hasId(message)) {
      return;
    }
    executions.byRequest(agent.owner(), agent.id(), requestId(message)).onSuccess(found -> {
      if (found.isEmpty() || found.get().running()) {
        return; // the first copy is being taken in or answered: its answer is the reply
      }
      ExecutionRepository.Recorded r = found.get();
      if (r.peer() == null || !new org.xmpp.packet.JID(r.peer()).toBareJID().equals(message.getFrom().toBareJID())) {
        out.accept(StanzaErrors.reply(message, Condition.conflict, "this message id was already used with this"
            + " agent by another sender; send the message again with a new id"));
      } else if (r.output() != null && !r.output().isEmpty()) {
        out.accept(answer(message, r.output()));
      } else {
        out.accept(StanzaErrors.reply(message, Condition.service_unavailable, r.error() == null
            ? "this message was not answered (" + r.status() + "); send it again with a new id"
            : "this message was not answered: " + r.error()));
      }
    }).onFailure(e -> LOG.fine(() -> "repeated request " + requestId(message) + ": " + e.getMessage()));
  }

  private static boolean hasId(Message message) {
    return message.getID() != null || message.getChildElement("origin-id", SID) != null;
  }

  /**
   * rfc section 6.1: "stop" ends the sender's running or waiting turns with the agent, which answer with what they
   * had. The turn may run on another hub instance than the one the stop reached (ejabberd picks one per stanza), so
   * whether one runs is read from the executions every instance records, and the stop is published (the clustered
   * bus carries it to every worker). With none running the sender is told so and nothing is published; when
   * the lookup fails the stop is published anyway, and the stopped turn's answer is the only reply.
   */
  private void stop(Message message, Agent agent) {
    String peer = message.getFrom().toBareJID();
    executions.running(agent.owner(), agent.id(), peer, turnTimeout).onComplete(found -> {
      if (found.succeeded() && !found.result()) {
        out.accept(answer(message, NOTHING_TO_STOP));
        return;
      }
      bus.publish(Turns.CANCEL_ADDRESS, new TurnStop(agent.id(), peer));
    });
  }

  /**
   * The turn may take its prompt estimate plus the agent's {@code max_tokens}; that is what gets reserved, from the
   * agent's owner, or for a question from another of this hub's agents, from the owner who started the chain.
   */
  private QuotaRequest quotaRequest(Agent agent, Message message, String body, Optional<Chain> asked) {
    int maxTokens;
    try {
      maxTokens = Sampling.of(agent.llmConfig()).maxTokens();
    } catch (IllegalArgumentException e) {
      maxTokens = Sampling.MAX_TOKENS_CAP; // the worker refuses such a turn; reserve the most until it does
    }
    Optional<String> remote = QuotaRequest.remoteDomain(message.getFrom().getDomain(), hubDomain);
    return new QuotaRequest(agent.owner(), agent.id(), agent.governance(), remote,
        PromptEstimate.turnMaximum(body, maxTokens), asked.flatMap(Chain::payer).orElse(agent.owner()));
  }

  /** {@code asked}: the chain of a question from another agent, which gets no chat states and a marked answer. */
  private void run(Message message, Agent agent, String body, Reservation reservation, Optional<Chain> asked,
                   long started, Span span) {
    String requestId = requestId(message); // once: a message without ids gets a fresh one
    TurnRequest typed = TurnRequest.of(requestId, agent.id(), agent.owner(), message.getFrom().toString(), body)
        .reserved(reservation);
    typed = asked.isPresent() ? typed.asked(asked.get()) : typed.withToolStatus();
    ProgressiveAnswer answering = growing(message, agent, requestId, asked);
    if (answering == null && asked.isEmpty() && !inRoom(message)) {
      out.accept(chatState(message, "composing")); // with progressive answers, their timer says it when due
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
          metrics.workerRequest("turn", failure == null ? "ok" : TurnFailures.status(failure), since(sent));
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
    metrics.turnEnded(TurnOutcome.ANSWERED, since(started));
    Message answer = answer(message, answered.body());
    AgentToAgent.markAnswer(answer, message);
    if (answering == null) {
      send(message, answer, span);
    } else {
      answering.finish(answer, a -> send(message, a, span));
    }
    answered.model().ifPresent(m -> span.setAttribute(Tracing.MODEL, m));
    ended(span, TurnOutcome.ANSWERED, null, settled);
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
    TurnFailures.outcome(e).ifPresent(outcome -> metrics.turnEnded(outcome, since(started)));
    if (TurnFailures.refused(e)) {
      metrics.policyViolation(Violation.TURN_REFUSED);
    }
    if (answering != null) {
      answering.broke();
    }
    failed(message, agent, e, span);
    ended(span, TurnFailures.outcome(e).orElse(null), e, settled);
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
    if (progressive == null || asked.isPresent() || inRoom(message)) {
      return null;
    }
    return progressive.open(message, requestId, agent.id().toString());
  }

  /**
   * Ends the turn's span once its reservation is settled. Only a failure on the hub's side marks it as an error: a
   * refusal is policy doing its job.
   */
  private static void ended(Span span, TurnOutcome outcome, Throwable failure, Future<?> settled) {
    if (outcome != null) {
      span.setAttribute(Tracing.OUTCOME, outcome.label());
    }
    if (failure != null && (outcome == TurnOutcome.UNAVAILABLE || outcome == TurnOutcome.TIMEOUT
        || outcome == TurnOutcome.FAILED)) {
      Tracing.failed(span, failure);
    }
    settled.onComplete(done -> span.end());
  }

  private Future<Void> settle(Reservation reservation, long tokens, Message message, Agent agent, Span span) {
    return settled(tracing.traced("quota.settle", span, () -> quotas.settle(reservation, tokens)), reservation,
        message, agent);
  }

  private Future<Void> settled(Future<Void> settling, Reservation reservation, Message message, Agent agent) {
    return settling.onFailure(e -> logContext(message, agent).log(LOG, Level.WARNING, "quota reservation "
        + reservation.id() + " not settled (its slot frees itself when it expires): " + e.getMessage()));
  }

  /** rfc section 7: a spent limit is {@code policy-violation}, too many running turns {@code resource-constraint}. */
  private void refused(Message message, Agent agent, Refused refused, long started, Span span) {
    TurnOutcome outcome = refused.concurrency() ? TurnOutcome.BUSY : TurnOutcome.REFUSED;
    metrics.turnEnded(outcome, since(started));
    metrics.quotaRefused(refused.scope().configName(), refused.limit().key());
    metrics.policyViolation(Violation.QUOTA_EXCEEDED);
    send(message, refused.concurrency() ? StanzaErrors.reply(message, Condition.resource_constraint, refused.text())
        : StanzaErrors.policyViolation(message, refused.text()), span);
    ended(span, outcome, null, Future.succeededFuture());
    JsonObject details = new JsonObject().put("scope", refused.scope().configName())
        .put("limit", refused.limit().key()).put("max", refused.limitValue()).put("remaining", refused.remaining())
        .put("requested", refused.requested()).put("resets_at", refused.resetsAt().toString());
    audit(message, agent, "quota.exceeded", Severity.WARNING, details);
  }

  /** Governance fails closed: no turn runs; the sender is told why, and the owner's audit log says so if it can. */
  private void unavailable(Message message, Agent agent, Unavailable unavailable, long started, Span span) {
    metrics.turnEnded(TurnOutcome.UNAVAILABLE, since(started));
    logContext(message, agent).log(LOG, Level.WARNING, "refused a turn for " + agent.jid()
        + ": quotas unavailable: " + unavailable.detail());
    send(message, StanzaErrors.reply(message, Condition.service_unavailable, unavailable.text()), span);
    ended(span, TurnOutcome.UNAVAILABLE, new IllegalStateException("quotas unavailable: " + unavailable.detail()),
        Future.succeededFuture());
    audit(message, agent, "quota.unavailable", Severity.CRITICAL,
        new JsonObject().put("reason", unavailable.detail()));
  }

  private void audit(Message message, Agent agent, String type, Severity severity, JsonObject details) {
    String sender = message.getFrom().toBareJID();
    audit.append(new AuditEvent(agent.owner(), Optional.of(agent.id()), type, severity, sender, details))
        .onFailure(e -> logContext(message, agent).log(LOG, Level.WARNING, "could not audit " + type + " for "
            + agent.jid() + ": " + e.getMessage()));
  }

  private static LogContext logContext(Message message, Agent agent) {
    return LogContext.of(agent.owner(), agent.id(), requestId(message));
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  private void failed(Message message, Agent agent, Throwable e, Span span) {
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && TurnFailure.of(re.failureCode()) == TurnFailure.DUPLICATE) {
      // another hub instance took this request id: the sender gets what its record says, or nothing while it runs
      repeated(message, agent);
      return;
    }
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && TurnFailure.of(re.failureCode()) == TurnFailure.REFUSED) {
      send(message, StanzaErrors.policyViolation(message, re.getMessage()), span);
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
    send(message, StanzaErrors.reply(message, condition, text), span);
  }

  /**
   * Sends the turn's answer or error to {@code incoming} under a {@code reply.send} span of {@code turn}. In a room
   * an error goes as a plain message with its text: rooms expel an occupant that sends them an error.
   */
  private void send(Message incoming, Packet reply, Span turn) {
    if (reply == null) {
      return;
    }
    if (inRoom(incoming) && reply instanceof Message m && m.getType() == Message.Type.error) {
      reply = answer(incoming, "(" + (m.getError() == null ? "no answer" : m.getError().getText()) + ")");
    }
    Span span = tracing.child("reply.send", turn);
    try {
      out.accept(reply);
    } catch (RuntimeException e) {
      Tracing.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Request id (idempotency key): the client's XEP-0359 origin-id, else the stanza id, else a fresh one. */
  static String requestId(Message m) {
    Element origin = m.getChildElement("origin-id", SID);
    if (origin != null && origin.attributeValue("id") != null) {
      return origin.attributeValue("id");
    }
    return m.getID() != null ? m.getID() : UUID.randomUUID().toString();
  }

  /**
   * A group chat message from a room, which the agent answers in the room (rfc section 12): to its bare JID, as
   * {@code groupchat}, with no chat states, receipts or corrections.
   */
  static boolean inRoom(Message m) {
    return m.getType() == Message.Type.groupchat;
  }

  /**
   * A message from the agent {@code incoming} was sent to, back to its sender (or into its room), with its own id,
   * also as XEP-0359 origin-id.
   */
  static Message fromAgent(Message incoming) {
    Message m = new Message();
    m.setType(inRoom(incoming) ? Message.Type.groupchat : Message.Type.chat);
    m.setFrom(incoming.getTo());
    m.setTo(inRoom(incoming) ? incoming.getFrom().asBareJID() : incoming.getFrom());
    String id = UUID.randomUUID().toString();
    m.setID(id);
    m.addChildElement("origin-id", SID).addAttribute("id", id);
    return m;
  }

  static Message chatState(Message incoming, String state) {
    Message m = fromAgent(incoming);
    m.addChildElement(state, CHATSTATES);
    m.addChildElement("no-store", "urn:xmpp:hints");
    return m;
  }

  /** A chat message from the agent with this body, ending its chat state. */
  public static Message answer(Message incoming, String body) {
    Message m = fromAgent(incoming);
    m.setBody(body);
    if (!inRoom(incoming)) {
      m.addChildElement("active", CHATSTATES);
    }
    return m;
  }

  private static Message receipt(Message incoming) {
    Message m = fromAgent(incoming);
    m.addChildElement("received", RECEIPTS).addAttribute("id", incoming.getID());
    return m;
  }
}

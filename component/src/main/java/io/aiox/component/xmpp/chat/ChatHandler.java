package io.aiox.component.xmpp.chat;

import io.aiox.component.xmpp.a2a.AgentToAgent;
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
import io.aiox.schema.agent.Agent;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Consumer;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * A message to an agent: receipt, the checks on its body (a repeated request id or {@code stop}: {@link
 * RepeatsAndStops}; a file sent: {@link FilesToMemory}), then the quota check, which reserves the turn's maximum
 * and hands the turn to {@link ChatTurns}, or refuses it with a text that names the limit and its reset time
 * ({@link Refusals}). Each turn is a trace: {@code turn}, with {@code quota.reserve}, {@code worker.request} (the
 * inference side's spans below it), {@code reply.send} and {@code quota.settle} under it.
 */
public final class ChatHandler {
  /**
   * A message whose body is only this word (any case, surrounding white space ignored) stops the sender's running
   * turn instead of starting one; any other text, {@code stop.} or {@code "stop"} say, goes to the model.
   */
  public static final String STOP = "stop";
  /** The answer to a stop when the sender has no turn with the agent running or waiting. */
  public static final String NOTHING_TO_STOP = "(nothing to stop: no answer to you is being written or waiting)";

  private final Consumer<Packet> out;
  private final Quotas quotas;
  private final String hubDomain;
  private final AgentToAgent a2a;
  private final Metrics metrics;
  private final Tracing tracing;
  /** Null: a file sent is a chat turn like any message. */
  private final FilesToMemory files;
  private final RecentRequests recent = new RecentRequests(10_000);
  private final RepeatsAndStops repeats;
  private final ChatTurns turns;
  private final Refusals refusals;

  public ChatHandler(ChatSetup setup) {
    this.out = setup.out();
    this.quotas = setup.quotas();
    this.hubDomain = setup.hubDomain();
    this.a2a = setup.a2a();
    this.metrics = setup.metrics();
    this.tracing = setup.tracing();
    this.files = setup.files().orElse(null);
    TurnReplies replies = new TurnReplies(setup.out(), setup.tracing());
    this.repeats = new RepeatsAndStops(setup.bus(), setup.out(), setup.executions(), setup.turnTimeout());
    this.turns = new ChatTurns(setup, replies, repeats);
    this.refusals = new Refusals(setup.metrics(), setup.audit(), replies);
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
    if (asked.isEmpty() && !ChatStanzas.inRoom(message)
        && message.getChildElement("request", ChatStanzas.RECEIPTS) != null && message.getID() != null) {
      out.accept(ChatStanzas.receipt(message));
    }
    String body = message.getBody();
    if (body == null || body.isBlank()) {
      return; // a chat state or a marker alone: nothing to answer
    }
    if (!recent.first(agent.id() + "/" + ChatStanzas.requestId(message))) {
      repeats.repeated(message, agent); // the same request again: it is running or was answered
      return;
    }
    if (body.strip().equalsIgnoreCase(STOP)) {
      repeats.stop(message, agent);
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
      metrics.stage("quota", TurnReplies.since(started));
      QuotaOutcome outcome = ar.succeeded() ? ar.result() : new Unavailable("no turn can run now: the quota check"
          + " failed; try again shortly", String.valueOf(ar.cause()));
      switch (outcome) {
        case Admitted admitted -> turns.run(message, agent, body, admitted.reservation(), asked, started, span);
        case Refused refused -> refusals.refused(message, agent, refused, started, span);
        case Unavailable unavailable -> refusals.unavailable(message, agent, unavailable, started, span);
      }
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
}

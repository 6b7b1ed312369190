package io.aiox.worker.a2a;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the agents an agent's governance lists under {@code consult} (when {@code agent_to_agent} is not turned
 * off) and returns what they said, for the prompt. The question goes to the XMPP component on {@link #ASK_ADDRESS},
 * which sends it from the agent's JID and waits for the answer. Every hop is audited for the owner of the asking
 * agent with the chain's origin and the owner it is charged to (the owner whose agent the person wrote to); a chain
 * at its limit asks no one and is audited as {@code a2a.hop_limit}.
 */
public final class Consultations {
  /** {@code {agentId, from, to, body, hops, origin, payer}} -> {@code {body}}. */
  public static final String ASK_ADDRESS = "aiox.a2a.ask";
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(90);

  private final EventBus bus;
  private final AuditLog audit;

  public Consultations(EventBus bus, AuditLog audit) {
    this.bus = bus;
    this.audit = audit;
  }

  /** The agents {@code agent} consults, in order. */
  public static List<String> targets(Agent agent) {
    if (!agent.governance().getBoolean("agent_to_agent", true)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    agent.governance().getJsonArray("consult", new JsonArray()).forEach(j -> out.add(String.valueOf(j)));
    return out;
  }

  /**
   * Asks the consulted agents in order; each entry of the result is {@code {tool: "ask_agent", to, hops, answer}}
   * (empty when none is consulted or the chain is at its limit). A consulted agent that fails is reported in its
   * entry rather than failing the turn: the asking agent still answers.
   */
  public Future<JsonArray> consult(Agent agent, String question, Chain chain) {
    List<String> targets = targets(agent);
    if (targets.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    if (chain.atLimit()) {
      return record(agent, "a2a.hop_limit", Severity.WARNING, chain, new JsonObject().put("max_hops", Chain.MAX_HOPS)
          .put("not_asked", new JsonArray(targets))).map(new JsonArray());
    }
    Future<JsonArray> calls = Future.succeededFuture(new JsonArray());
    for (String to : targets) {
      calls = calls.compose(all -> ask(agent, to, question, chain.next(agent.owner())).map(answer -> all.add(new JsonObject()
          .put("tool", "ask_agent").put("to", to).put("hops", chain.hops() + 1).put("answer", answer))));
    }
    return calls;
  }

  /** The consulted agents' answers as lines for the system prompt. */
  public static String promptLines(JsonArray calls) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < calls.size(); i++) {
      JsonObject c = calls.getJsonObject(i);
      sb.append("Agent ").append(c.getString("to")).append(" answered: ").append(c.getString("answer")).append('\n');
    }
    return sb.toString();
  }

  private Future<String> ask(Agent agent, String to, String question, Chain chain) {
    JsonObject ask = chain.writeTo(new JsonObject().put("agentId", agent.id().toString())
        .put("from", agent.jid().toString()).put("to", to).put("body", question));
    return record(agent, "a2a.ask", Severity.INFO, chain, new JsonObject().put("to", to))
        .compose(v -> bus.<JsonObject>request(ASK_ADDRESS, ask, new DeliveryOptions()
            .setSendTimeout(ASK_TIMEOUT.toMillis())))
        .map(reply -> reply.body().getString("body", ""))
        .recover(e -> Future.succeededFuture("(no answer: " + e.getMessage() + ")"));
  }

  private Future<Void> record(Agent agent, String type, Severity severity, Chain chain, JsonObject details) {
    chain.payer().ifPresent(p -> details.put("charged_to", p.toString()));
    AuditEvent event = new AuditEvent(agent.owner(), Optional.of(agent.id()), type, severity, agent.jid().toString(),
        details.put("hops", chain.hops()).put("origin", chain.origin()));
    return audit.append(event).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }
}

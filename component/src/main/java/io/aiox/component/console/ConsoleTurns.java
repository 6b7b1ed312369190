package io.aiox.component.console;

import io.aiox.component.xmpp.chat.ChatStanzas;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.web.auth.Caller;
import io.aiox.web.openai.AgentModel;
import io.aiox.web.openai.AgentTurns;
import io.aiox.web.openai.TurnAnswer;
import io.aiox.web.openai.TurnRefused;
import io.aiox.web.openai.TurnRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Turns from the OpenAI-compatible endpoint: each is a chat message from {@code <caller's JID>/aiox-console-<uuid>}
 * to the agent, entered where the component's stanzas enter ({@code inbound}: the stanza router, on the
 * component's context), so access, quota, audit, execution, memory, stop, the turn deadline, tools and approvals
 * are the XMPP path's own. Its replies come back through {@link ConsoleReplies}.
 */
public final class ConsoleTurns implements AgentTurns {
  /** Past the turn deadline the chat path answers with a timeout itself; this only guards against silence. */
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final String componentDomain;
  private final AgentRepository agents;
  private final ConsoleReplies replies;
  private final Consumer<Element> inbound;
  private final Duration deadline;

  public ConsoleTurns(Vertx vertx, String componentDomain, AgentRepository agents, ConsoleReplies replies,
                      Consumer<Element> inbound, Duration turnDeadline) {
    this.vertx = vertx;
    this.componentDomain = componentDomain;
    this.agents = agents;
    this.replies = replies;
    this.inbound = inbound;
    this.deadline = turnDeadline.plus(GRACE);
  }

  @Override
  public Future<List<AgentModel>> models(Caller caller) {
    return agents.listByOwner(caller.owner()).map(list -> list.stream().filter(a -> !a.deleted())
        .map(a -> new AgentModel(a.id().toString(), a.jid().toString(), caller.username(),
            a.createdAt().toInstant())).toList());
  }

  @Override
  public Future<TurnAnswer> turn(Caller caller, TurnRequest request, Consumer<String> textSoFar) {
    Optional<AgentJid> agent = agentJid(request.model());
    if (agent.isEmpty()) {
      return Future.failedFuture(new TurnRefused(TurnRefused.Reason.NOT_FOUND, "there is no agent " + request.model()
          + " on this hub: name one of your agents by its id (GET /v1/models) or its JID"));
    }
    JID from = new JID(caller.jid() + "/" + ConsoleReplies.RESOURCE_PREFIX + UUID.randomUUID());
    ConsoleExchange exchange = new ConsoleExchange(request.stream(), textSoFar, inbound);
    replies.open(from, exchange);
    long guard = vertx.setTimer(deadline.toMillis(), t -> exchange.fail(TurnRefused.Reason.TIMEOUT,
        "the agent did not answer within " + deadline.toSeconds() + " s"));
    inbound.accept(message(from, agent.get(), request.text()).getElement());
    return exchange.answer().andThen(done -> {
      vertx.cancelTimer(guard);
      replies.close(from);
    });
  }

  /** The agent a {@code model} names: its id, or its JID on this hub's agents domain. */
  private Optional<AgentJid> agentJid(String model) {
    try {
      return Optional.of(new AgentJid(AgentId.parse(model), componentDomain));
    } catch (IllegalArgumentException notAnId) {
      return AgentJid.parse(model).filter(jid -> jid.domain().equals(componentDomain));
    }
  }

  /** A chat message as a client sends it, its id also its XEP-0359 origin-id (the turn's request id). */
  private static Message message(JID from, AgentJid to, String text) {
    Message m = new Message();
    m.setType(Message.Type.chat);
    m.setFrom(from);
    m.setTo(new JID(to.toString()));
    String id = UUID.randomUUID().toString();
    m.setID(id);
    m.addChildElement("origin-id", ChatStanzas.SID).addAttribute("id", id);
    m.setBody(text);
    return m;
  }
}

package io.aiox.component.xmpp.routing;

import io.aiox.component.xmpp.chat.ChatHandler;
import io.aiox.policy.access.AccessDecision;
import io.aiox.policy.access.AccessRule;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.id.AgentJid;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.Presence;

/** Routes each inbound stanza to its agent (or the service), checks access, and dispatches it. */
public final class StanzaRouter {
  private static final Logger LOG = Logger.getLogger(StanzaRouter.class.getName());

  private final String domain;
  private final AgentDirectory directory;
  private final Map<String, IqHandler> iqHandlers;
  private final ChatHandler chat;
  private final Consumer<Packet> out;

  public StanzaRouter(String domain, AgentDirectory directory, List<IqHandler> iqHandlers, ChatHandler chat,
                      Consumer<Packet> out) {
    this.domain = domain;
    this.directory = directory;
    this.iqHandlers = iqHandlers.stream().collect(Collectors.toMap(IqHandler::namespace, Function.identity()));
    this.chat = chat;
    this.out = out;
  }

  /** Handles one stanza from the stream; never throws: failures become error stanzas. */
  public void route(Element element) {
    Packet packet = switch (element.getName()) {
      case "message" -> new Message(element, true);
      case "iq" -> new IQ(element, true);
      case "presence" -> new Presence(element, true);
      default -> null;
    };
    if (packet == null) {
      LOG.warning(() -> "ignoring a top-level element that is no stanza: " + element.getName());
      return;
    }
    try {
      resolve(packet).onFailure(e -> internalError(packet, e));
    } catch (RuntimeException e) {
      internalError(packet, e);
    }
  }

  private Future<Void> resolve(Packet packet) {
    JID to = packet.getTo();
    JID from = packet.getFrom();
    if (to == null || from == null || !domain.equals(to.getDomain())) {
      error(packet, Condition.bad_request, "a stanza to this component needs 'from' and a 'to' in " + domain);
      return Future.succeededFuture();
    }
    String sender = from.toBareJID();
    if (to.getNode() == null) {
      return directory.user(sender).map(user -> {
        dispatch(packet, new Target(Optional.empty(), user, sender, AccessDecision.granted("service")));
        return null;
      });
    }
    Optional<AgentJid> agentJid = AgentJid.parse(to.toBareJID());
    if (agentJid.isEmpty()) {
      error(packet, Condition.item_not_found, "there is no agent at " + to.toBareJID());
      return Future.succeededFuture();
    }
    return directory.agent(agentJid.get()).compose(agent -> {
      if (agent.isEmpty() || agent.get().deleted()) {
        error(packet, Condition.item_not_found, "there is no agent at " + to.toBareJID());
        return Future.succeededFuture();
      }
      return directory.user(sender).map(user -> {
        AccessDecision access = AccessRule.decide(agent.get(), user, sender);
        if (!access.allowed()) {
          refuse(packet, agent.get(), access);
        } else {
          dispatch(packet, new Target(agent, user, sender, access));
        }
        return null;
      });
    });
  }

  private void refuse(Packet packet, Agent agent, AccessDecision access) {
    LOG.info(() -> "forbidden: " + packet.getFrom().toBareJID() + " -> " + agent.jid() + ": " + access.reason());
    error(packet, Condition.forbidden, access.reason());
  }

  private void dispatch(Packet packet, Target target) {
    switch (packet) {
      case IQ iq -> iq(iq, target);
      case Message m -> {
        if (target.service()) {
          error(m, Condition.service_unavailable, "this is the agents service; write to an agent's JID");
        } else {
          chat.handle(m, target);
        }
      }
      default -> { } // presence: subscriptions and probes are handled by the presence issue's code
    }
  }

  private void iq(IQ iq, Target target) {
    if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
      return; // answers to our own pings
    }
    Element child = iq.getChildElement();
    IqHandler handler = child == null ? null : iqHandlers.get(child.getNamespaceURI());
    if (handler == null) {
      error(iq, Condition.service_unavailable, "not supported here: " + (child == null ? "(no child)" : child.getNamespaceURI()));
      return;
    }
    handler.handle(iq, target).onSuccess(out::accept).onFailure(e -> internalError(iq, e));
  }

  private void error(Packet packet, Condition condition, String text) {
    Packet reply = StanzaErrors.reply(packet, condition, text);
    if (reply != null) {
      out.accept(reply);
    }
  }

  private void internalError(Packet packet, Throwable e) {
    LOG.warning(() -> "failed on a stanza from " + packet.getFrom() + ": " + e);
    error(packet, Condition.internal_server_error, "the agent service failed on this stanza; try again later");
  }
}

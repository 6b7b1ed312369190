package io.aiox.component.xmpp.routing;

import io.aiox.component.xmpp.approval.ApprovalHandler;
import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.component.xmpp.chat.ChatHandler;
import io.aiox.component.xmpp.presence.PresenceHandler;
import io.aiox.component.xmpp.xep0045.GroupChats;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.vertx.core.json.JsonObject;
import io.aiox.policy.access.AccessDecision;
import io.aiox.policy.access.AccessRule;
import io.aiox.policy.access.FederationConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.id.AgentJid;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Violation;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
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
  private final PresenceHandler presence;
  private final AuditLog audit;
  private final Consumer<Packet> out;
  private final ApprovalHandler approvals;
  private final AccessRule access;
  private Metrics metrics = Metrics.NONE;
  private Predicate<IQ> iqAnswers = iq -> false;
  /** Null: agents take no part in group chats. */
  private GroupChats groupChats;

  public StanzaRouter(String domain, AgentDirectory directory, List<IqHandler> iqHandlers, ChatHandler chat,
                      PresenceHandler presence, AuditLog audit, Consumer<Packet> out) {
    this(domain, directory, iqHandlers, chat, presence, audit, out, null);
  }

  /** With {@code approvals} taking the owners' answers to tool-call approval forms (null: none). */
  public StanzaRouter(String domain, AgentDirectory directory, List<IqHandler> iqHandlers, ChatHandler chat,
                      PresenceHandler presence, AuditLog audit, Consumer<Packet> out, ApprovalHandler approvals) {
    // No hub-wide federation rules; every sender outside the agents domain's parent counts as remote.
    this(domain, directory, iqHandlers, chat, presence, audit, out, approvals,
        new AccessRule(domain.substring(domain.indexOf('.') + 1), FederationConfig.DEFAULTS));
  }

  /** With {@code access} holding the hub's domain and its federation rules (deny lists for remote servers). */
  public StanzaRouter(String domain, AgentDirectory directory, List<IqHandler> iqHandlers, ChatHandler chat,
                      PresenceHandler presence, AuditLog audit, Consumer<Packet> out, ApprovalHandler approvals,
                      AccessRule access) {
    this.domain = domain;
    this.directory = directory;
    this.iqHandlers = iqHandlers.stream().collect(Collectors.toMap(IqHandler::namespace, Function.identity()));
    this.chat = chat;
    this.presence = presence;
    this.audit = audit;
    this.out = out;
    this.approvals = approvals;
    this.access = access;
  }

  /** Where refused stanzas are counted (the hub's metrics). */
  public StanzaRouter withMetrics(Metrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /**
   * Takes the answers to IQs this component asked (a result or error it recognises returns true and is routed no
   * further), e.g. a client's disco#info.
   */
  public StanzaRouter withIqAnswers(Predicate<IQ> answers) {
    this.iqAnswers = answers;
    return this;
  }

  /**
   * Takes invitations and rooms' messages and presence to agents before the access rule: a room is no sender the
   * rule can judge, so group chats judge the inviter or the occupant who spoke (rfc section 12).
   */
  public StanzaRouter withGroupChats(GroupChats groupChats) {
    this.groupChats = groupChats;
    return this;
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
    if (packet instanceof IQ iq && iqAnswers.test(iq)) {
      return Future.succeededFuture(); // the answer to an IQ we asked: matched by its id
    }
    if (packet instanceof Message m && chat != null && chat.answered(m)) {
      return Future.succeededFuture(); // an agent's answer to a question one of ours asked: matched by its id
    }
    boolean question = from.getDomain().equals(domain) && AgentToAgent.isQuestion(packet);
    if (!question && (from.getDomain().equals(domain) || from.getDomain().endsWith("." + domain))) {
      // Only this component speaks for its domain; such a 'from' arriving inbound is spoofed (rfc/ section 7),
      // unless it is one of our agents asking another (ejabberd lets no one else send from this domain).
      LOG.warning(() -> "refused a stanza claiming to be from the agents domain: " + from + " -> " + to);
      error(packet, Condition.forbidden, "stanzas from " + domain + " are sent by this component only");
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
      if (groupChats != null && groupChats.claims(packet)) {
        return groupChats.handle(packet, agent.get());
      }
      return directory.user(sender).map(user -> {
        AccessDecision decision = access.decide(agent.get(), user, sender);
        if (!decision.allowed()) {
          refuse(packet, agent.get(), decision);
        } else {
          dispatch(packet, new Target(agent, user, sender, decision));
        }
        return null;
      });
    });
  }

  private void refuse(Packet packet, Agent agent, AccessDecision access) {
    String sender = packet.getFrom().toBareJID();
    LOG.info(() -> "forbidden: " + sender + " -> " + agent.jid() + ": " + access.reason());
    error(packet, Condition.forbidden, access.reason());
    if (packet instanceof Presence p && p.getType() != null && p.getType() != Presence.Type.subscribe) {
      return; // unavailable/probe noise from a stranger's server is refused but not worth an audit entry
    }
    metrics.policyViolation(Violation.ACCESS_DENIED);
    JsonObject details = new JsonObject().put("sender", sender).put("stanza", packet.getElement().getName())
        .put("reason", access.reason());
    audit.append(new AuditEvent(agent.owner(), Optional.of(agent.id()), "access.denied", Severity.WARNING, sender,
        details)).onFailure(e -> LOG.warning(() -> "could not audit a denied stanza for " + agent.jid() + ": " + e));
  }

  private void dispatch(Packet packet, Target target) {
    switch (packet) {
      case IQ iq -> iq(iq, target);
      case Message m -> {
        if (target.service()) {
          error(m, Condition.service_unavailable, "this is the agents service; write to an agent's JID");
        } else if (approvals != null && approvals.claims(m)) {
          approvals.handle(m, target);
        } else {
          chat.handle(m, target);
        }
      }
      case Presence p -> presence.handle(p, target).onFailure(e -> internalError(p, e));
      default -> { }
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

package io.aiox.component.xmpp.xep0045;

import io.aiox.component.xmpp.chat.ChatHandler;
import io.aiox.component.xmpp.routing.AgentDirectory;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.policy.access.AccessDecision;
import io.aiox.policy.access.AccessRule;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.room.RoomRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.Presence;

/**
 * An agent in group chats (rfc section 12). An invitation from someone the access rule admits makes the agent join
 * the room under its name and remember it; in a room it answers only messages that mention it, from occupants
 * the access rule admits (by their real JID where the room shows it, else as the room itself: a stranger), with
 * the room's bare JID as the conversation peer. Its own reflected messages and the history a room replays never
 * start a turn. Nothing here ever sends an error into a room (ejabberd expels an occupant whose client bounces).
 */
public final class GroupChats {
  private static final Logger LOG = Logger.getLogger(GroupChats.class.getName());
  public static final String MUC = "http://jabber.org/protocol/muc";
  public static final String DELAY = "urn:xmpp:delay";
  /** The resource agents join rooms from: the room sends everything for the agent there. */
  public static final String RESOURCE = "aiox";

  private final RoomRepository rooms;
  private final Occupants occupants;
  private final AgentDirectory directory;
  private final AccessRule access;
  private final ChatHandler chat;
  private final AuditLog audit;
  private final Consumer<Packet> out;

  public GroupChats(RoomRepository rooms, Occupants occupants, AgentDirectory directory, AccessRule access,
                    ChatHandler chat, AuditLog audit, Consumer<Packet> out) {
    this.rooms = rooms;
    this.occupants = occupants;
    this.directory = directory;
    this.access = access;
    this.chat = chat;
    this.audit = audit;
    this.out = out;
  }

  /**
   * Whether {@code p} to an agent is group chat traffic: an invitation, a room's message or presence, or anything
   * but an IQ sent to the resource the agent uses in rooms only (a room's own presence, say).
   */
  public boolean claims(Packet p) {
    if (!(p instanceof IQ) && RESOURCE.equals(p.getTo().getResource())) {
      return true;
    }
    return switch (p) {
      case Message m -> m.getType() == Message.Type.groupchat
          || (m.getType() != Message.Type.error && Invitation.of(m).isPresent());
      case Presence pr -> pr.getChildElement("x", Invitation.MUC_USER) != null
          || (pr.getType() == Presence.Type.error && pr.getChildElement("x", MUC) != null);
      default -> false;
    };
  }

  /** Handles a claimed stanza; never fails (a failure is logged: no error goes into a room). */
  public Future<Void> handle(Packet p, Agent agent) {
    Future<Void> handled = switch (p) {
      case Message m when m.getType() == Message.Type.groupchat -> spoken(m, agent);
      // a private message through a room (XEP-0045 section 7.5) is not taken: its sender is not known
      case Message m -> Invitation.of(m).map(i -> invited(m, agent, i)).orElse(Future.succeededFuture());
      case Presence pr when pr.getFrom().getResource() != null -> roomPresence(pr, agent);
      default -> Future.succeededFuture();
    };
    return handled.recover(e -> {
      LOG.warning(() -> "group chat stanza from " + p.getFrom() + " to " + agent.jid() + " failed: " + e);
      return Future.succeededFuture();
    });
  }

  /** The presence that makes {@code agentJid} join {@code room} as {@code nick}, asking for no history. */
  public static Presence join(String agentJid, String room, String nick, Optional<String> password) {
    Presence p = new Presence();
    p.setFrom(occupantJid(agentJid));
    p.setTo(new JID(room + "/" + nick));
    var x = p.addChildElement("x", MUC);
    x.addElement("history").addAttribute("maxstanzas", "0");
    password.ifPresent(secret -> x.addElement("password").setText(secret));
    return p;
  }

  private static JID occupantJid(String agentJid) {
    JID bare = new JID(agentJid);
    return new JID(bare.getNode(), bare.getDomain(), RESOURCE);
  }

  private Future<Void> invited(Message m, Agent agent, Invitation invitation) {
    return directory.user(invitation.inviter()).compose(user -> {
      AccessDecision decision = access.decide(agent, user, invitation.inviter());
      if (!decision.allowed()) {
        declined(m, agent, invitation, decision);
        return Future.succeededFuture();
      }
      String room = invitation.room().toBareJID();
      return rooms.join(agent, room, agent.name()).onSuccess(v -> {
        LOG.info(() -> agent.jid() + " joins " + room + " on the invitation of " + invitation.inviter());
        out.accept(join(agent.jid().toString(), room, agent.name(), invitation.password()));
      });
    });
  }

  /** A mediated invitation is declined through the room (XEP-0045 section 7.8.2), a direct one answered forbidden. */
  private void declined(Message m, Agent agent, Invitation invitation, AccessDecision decision) {
    if (invitation.mediated()) {
      Message decline = new Message();
      decline.setFrom(agent.jid().toString());
      decline.setTo(invitation.room());
      decline.addChildElement("x", Invitation.MUC_USER).addElement("decline")
          .addAttribute("to", invitation.inviter()).addElement("reason").setText(decision.reason());
      out.accept(decline);
    } else {
      Packet error = StanzaErrors.reply(m, Condition.forbidden, decision.reason());
      if (error != null) {
        out.accept(error);
      }
    }
    denied(agent, invitation.inviter(), new JsonObject().put("stanza", "invitation")
        .put("room", invitation.room().toBareJID()).put("reason", decision.reason()));
  }

  /**
   * A room's message: a turn only when it mentions the agent, is no echo of its own (the room reflects what the
   * agent says) nor history replayed on join, and its speaker may use the agent.
   */
  private Future<Void> spoken(Message m, Agent agent) {
    String speaker = m.getFrom().getResource();
    if (m.getBody() == null || speaker == null || m.getChildElement("delay", DELAY) != null) {
      return Future.succeededFuture();
    }
    String room = m.getFrom().toBareJID();
    JID agentJid = new JID(agent.jid().toString());
    return rooms.nick(agent, room).compose(nick -> {
      if (nick.isEmpty() || nick.get().equals(speaker) || !Mention.of(m, agentJid, nick.get())) {
        return Future.succeededFuture();
      }
      String sender = occupants.realJid(agent.jid().toString(), m.getFrom().toString()).orElse(room);
      return directory.user(sender).map(user -> {
        AccessDecision decision = access.decide(agent, user, sender);
        if (decision.allowed()) {
          chat.handle(m, new Target(Optional.of(agent), user, sender, decision));
        } else {
          denied(agent, sender, new JsonObject().put("stanza", "mention").put("room", room)
              .put("nick", speaker).put("reason", decision.reason()));
        }
        return null;
      });
    });
  }

  /**
   * Occupants' presence tells their real JIDs; the agent's own tells whether it is still in: a refused join, or
   * being kicked, banned or removed, makes it forget the room (a nick change or the service's shutdown does not).
   */
  private Future<Void> roomPresence(Presence p, Agent agent) {
    String room = p.getFrom().toBareJID();
    return rooms.nick(agent, room).compose(nick -> {
      if (nick.isEmpty()) {
        return Future.succeededFuture();
      }
      if (p.getType() == Presence.Type.error) {
        LOG.warning(() -> agent.jid() + " could not join " + room + ": " + p.getError());
        return rooms.leave(agent, room).mapEmpty();
      }
      boolean self = hasStatus(p, "110") || nick.get().equals(p.getFrom().getResource());
      if (!self) {
        occupants.seen(agent.jid().toString(), p);
        return Future.succeededFuture();
      }
      if (p.getType() == Presence.Type.unavailable && !hasStatus(p, "303") && !hasStatus(p, "332")) {
        LOG.info(() -> agent.jid() + " is no longer in " + room);
        return rooms.leave(agent, room).mapEmpty();
      }
      return Future.succeededFuture();
    });
  }

  private static boolean hasStatus(Presence p, String code) {
    var x = p.getChildElement("x", Invitation.MUC_USER);
    return x != null && x.elements("status").stream().anyMatch(s -> code.equals(s.attributeValue("code")));
  }

  private void denied(Agent agent, String sender, JsonObject details) {
    LOG.info(() -> "group chat: " + sender + " may not use " + agent.jid() + ": " + details.getString("reason"));
    details.put("sender", sender);
    audit.append(new AuditEvent(agent.owner(), Optional.of(agent.id()), "access.denied", Severity.WARNING, sender,
        details)).onFailure(e -> LOG.warning(() -> "could not audit a group chat refusal for " + agent.jid() + ": " + e));
  }

  /** Joins again every room the live agents of {@code domain} are in; completes with the number of rooms. */
  public Future<Integer> rejoin(String domain) {
    return rejoin(domain, null, 0);
  }

  private Future<Integer> rejoin(String domain, RoomRepository.Membership after, int sent) {
    int pageSize = 500;
    return rooms.page(domain, after, pageSize).compose(page -> {
      page.forEach(r -> out.accept(join(r.agentJid(), r.room(), r.nick(), Optional.empty())));
      int total = sent + page.size();
      return page.size() < pageSize ? Future.succeededFuture(total)
          : rejoin(domain, page.get(page.size() - 1), total);
    });
  }
}

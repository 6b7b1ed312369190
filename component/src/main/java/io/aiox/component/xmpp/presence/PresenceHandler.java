package io.aiox.component.xmpp.presence;

import io.aiox.component.xmpp.routing.Target;
import io.aiox.component.xmpp.xep0030.DiscoInfoHandler;
import io.aiox.component.xmpp.xep0115.Caps;
import io.aiox.component.xmpp.xep0153.AvatarUpdate;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.presence.SubscriberRepository;
import io.vertx.core.Future;
import java.util.function.Consumer;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Presence addressed to an agent by a sender the access rule admitted. Subscription requests are approved at once
 * (the owner always; others only when visibility lets them talk to the agent, which the router checked) and
 * stored so the agent's availability reaches them when the component connects; probes and directed presence get
 * the agent's available presence with its entity capabilities.
 */
public final class PresenceHandler {
  private final SubscriberRepository subscribers;
  private final Consumer<Packet> out;

  public PresenceHandler(SubscriberRepository subscribers, Consumer<Packet> out) {
    this.subscribers = subscribers;
    this.out = out;
  }

  public Future<Void> handle(Presence presence, Target target) {
    if (target.service()) {
      if (presence.getType() == Presence.Type.probe || presence.getType() == null) {
        Presence p = new Presence();
        p.setFrom(presence.getTo().asBareJID());
        p.setTo(presence.getFrom());
        out.accept(p);
      }
      return Future.succeededFuture();
    }
    Agent agent = target.agent().orElseThrow();
    JID agentJid = presence.getTo().asBareJID();
    String sender = target.senderBareJid();
    Presence.Type type = presence.getType();
    if (type == null) {
      // A subscriber's available presence is the broadcast of its log-in (RFC 6121 4.4.2): its server probed the
      // agent as well, and the probe's answer is the one it needs. Answering both showed the agent coming online
      // twice in clients. Anyone else's available presence is directed at the agent and gets its presence.
      return subscribers.contains(agent, sender).map(subscribed -> {
        if (!subscribed) {
          out.accept(available(agent, agentJid, presence.getFrom()));
        }
        return null;
      });
    }
    return switch (type) {
      case subscribe -> subscribers.add(agent, sender).map(isNew -> {
        out.accept(typed(Presence.Type.subscribed, agentJid, new JID(sender)));
        out.accept(available(agent, agentJid, new JID(sender)));
        return null;
      });
      case unsubscribe -> subscribers.remove(agent, sender).map(removed -> {
        out.accept(typed(Presence.Type.unsubscribed, agentJid, new JID(sender)));
        out.accept(typed(Presence.Type.unavailable, agentJid, new JID(sender)));
        return null;
      });
      case probe -> {
        out.accept(available(agent, agentJid, presence.getFrom()));
        yield Future.succeededFuture();
      }
      // unavailable, subscribed, unsubscribed (the agent keeps no subscription of its own) and errors: nothing to say
      default -> Future.succeededFuture();
    };
  }

  /** The agent's available presence, carrying XEP-0115 capabilities of its disco#info and its XEP-0153 avatar hash. */
  public static Presence available(Agent agent, JID from, JID to) {
    Presence p = new Presence();
    p.setFrom(from);
    p.setTo(to);
    p.setStatus(agent.description().isBlank() ? agent.name() : agent.description());
    Caps.addTo(p.getElement(), DiscoInfoHandler.agentInfo(agent));
    AvatarUpdate.addTo(p.getElement(), agent);
    return p;
  }

  public static Presence typed(Presence.Type type, JID from, JID to) {
    Presence p = new Presence(type);
    p.setFrom(from);
    p.setTo(to);
    return p;
  }
}

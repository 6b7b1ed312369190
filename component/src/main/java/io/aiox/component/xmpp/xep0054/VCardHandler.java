package io.aiox.component.xmpp.xep0054;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.component.xmpp.xep0153.Avatar;
import io.aiox.schema.agent.Agent;
import io.vertx.core.Future;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError.Condition;

/**
 * vCard of an agent (name, description, avatar: its identicon unless the owner set one) or of the service. The
 * profile is edited by the owner through the console or the operator CLI; a vCard {@code set} over XMPP is
 * {@code not-allowed}.
 */
public final class VCardHandler implements IqHandler {
  public static final String NAMESPACE = "vcard-temp";

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Future<IQ> handle(IQ iq, Target target) {
    if (iq.getType() != IQ.Type.get) {
      return Future.succeededFuture((IQ) StanzaErrors.reply(iq, Condition.not_allowed,
          "an agent's vCard is its profile; its owner edits it in the console or with ./aiox agent"));
    }
    IQ result = IQ.createResultIQ(iq);
    Element card = result.setChildElement("vCard", NAMESPACE);
    if (target.service()) {
      card.addElement("FN").setText("AIOX agents");
      card.addElement("DESC").setText("AI agents hosted by this AIOX hub; each agent has its own JID.");
      return Future.succeededFuture(result);
    }
    Agent agent = target.agent().orElseThrow();
    card.addElement("FN").setText(agent.name());
    card.addElement("NICKNAME").setText(agent.name());
    card.addElement("JABBERID").setText(agent.jid().toString());
    if (!agent.description().isBlank()) {
      card.addElement("DESC").setText(agent.description());
    }
    photo(card, agent);
    return Future.succeededFuture(result);
  }

  /**
   * The inline picture (the owner's {@code data:} URI, else the agent's identicon) as TYPE+BINVAL, whose SHA-1 the
   * agent's presence announces (XEP-0153); an https avatar becomes EXTVAL.
   */
  private static void photo(Element card, Agent agent) {
    Optional<Avatar> inline = Avatar.of(agent);
    if (inline.isPresent()) {
      Element photo = card.addElement("PHOTO");
      photo.addElement("TYPE").setText(inline.get().type());
      photo.addElement("BINVAL").setText(inline.get().base64());
    } else if (agent.avatar().startsWith("https://")) {
      card.addElement("PHOTO").addElement("EXTVAL").setText(agent.avatar());
    }
  }
}

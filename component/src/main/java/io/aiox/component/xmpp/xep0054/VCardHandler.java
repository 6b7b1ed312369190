package io.aiox.component.xmpp.xep0054;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.schema.agent.Agent;
import io.vertx.core.Future;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError.Condition;

/**
 * vCard of an agent (name, description, avatar) or of the service. The profile is edited by the owner through
 * the console or the operator CLI; a vCard {@code set} over XMPP is {@code not-allowed}.
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
    photo(card, agent.avatar());
    return Future.succeededFuture(result);
  }

  /** {@code data:image/png;base64,...} becomes TYPE+BINVAL; an https URL becomes EXTVAL. */
  private static void photo(Element card, String avatar) {
    if (avatar.startsWith("data:") && avatar.contains(";base64,")) {
      int comma = avatar.indexOf(',');
      Element photo = card.addElement("PHOTO");
      photo.addElement("TYPE").setText(avatar.substring("data:".length(), avatar.indexOf(';')));
      photo.addElement("BINVAL").setText(avatar.substring(comma + 1));
    } else if (avatar.startsWith("https://")) {
      card.addElement("PHOTO").addElement("EXTVAL").setText(avatar);
    }
  }
}

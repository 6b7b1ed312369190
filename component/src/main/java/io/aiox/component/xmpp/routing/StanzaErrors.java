package io.aiox.component.xmpp.routing;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Error replies (RFC 6120 section 8.3): the original stanza back to its sender, with the condition and a text. */
public final class StanzaErrors {
  private StanzaErrors() {}

  /** The error reply to {@code packet}, or null when the packet is itself an error (never answer an error). */
  public static Packet reply(Packet packet, PacketError.Condition condition, String text) {
    if (isError(packet)) {
      return null;
    }
    Packet reply;
    if (packet instanceof IQ iq) {
      IQ r = IQ.createResultIQ(iq);
      if (iq.getChildElement() != null) {
        r.setChildElement(iq.getChildElement().createCopy());
      }
      reply = r;
    } else {
      reply = packet.createCopy();
      reply.setTo(packet.getFrom());
      reply.setFrom(packet.getTo());
    }
    reply.setError(new PacketError(condition, condition.getDefaultType(), text, "en"));
    return reply;
  }

  /**
   * {@code policy-violation} (RFC 6120 section 8.3.3.12), which Tinder's condition list predates: governance
   * refused the stanza, and the text says which rule and when it may pass again.
   */
  public static Packet policyViolation(Packet packet, String text) {
    Packet reply = reply(packet, PacketError.Condition.not_acceptable, text);
    if (reply != null) {
      // setName would drop the element's namespace, and clients refuse a condition outside it.
      Element condition = reply.getElement().element("error").element("not-acceptable");
      condition.setQName(QName.get("policy-violation", condition.getNamespaceURI()));
    }
    return reply;
  }

  private static boolean isError(Packet p) {
    return (p instanceof IQ iq && iq.getType() == IQ.Type.error)
        || (p instanceof Message m && m.getType() == Message.Type.error)
        || (p instanceof Presence pr && pr.getType() == Presence.Type.error);
  }
}

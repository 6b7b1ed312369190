package io.aiox.component.xmpp.xep0045;

import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * An invitation into a room: who asks (the bare JID the access rule judges) and the room's bare JID.
 * {@code mediated}: sent by the room on the inviter's behalf (XEP-0045 section 7.8.2), else a XEP-0249 direct one.
 */
public record Invitation(JID room, String inviter, boolean mediated, Optional<String> password) {
  public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
  public static final String CONFERENCE = "jabber:x:conference";

  /** The invitation {@code m} carries, if any. */
  public static Optional<Invitation> of(Message m) {
    // Mediated first: ejabberd adds a XEP-0249 element to the invitations its rooms relay, whose sender is the room.
    Element user = m.getChildElement("x", MUC_USER);
    Element invite = user == null ? null : user.element("invite");
    if (invite == null) {
      Element direct = m.getChildElement("x", CONFERENCE);
      return direct == null || direct.attributeValue("jid") == null ? Optional.empty()
          : Optional.of(new Invitation(new JID(direct.attributeValue("jid")).asBareJID(), m.getFrom().toBareJID(),
              false, Optional.ofNullable(direct.attributeValue("password"))));
    }
    JID room = m.getFrom().asBareJID();
    return Optional.of(new Invitation(room, inviter(room, invite.attributeValue("from")), true,
        Optional.ofNullable(user.elementText("password"))));
  }

  /**
   * A room service speaks for the users of its own server only (conference.example.org for example.org): an
   * inviter it names on another server, or none, leaves the room itself as the one who asks.
   */
  private static String inviter(JID room, String named) {
    if (named == null || named.isBlank()) {
      return room.toBareJID();
    }
    JID inviter = new JID(named);
    return room.getDomain().endsWith("." + inviter.getDomain()) ? inviter.toBareJID() : room.toBareJID();
  }
}

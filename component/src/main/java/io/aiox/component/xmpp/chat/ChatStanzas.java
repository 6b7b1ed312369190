package io.aiox.component.xmpp.chat;

import java.util.UUID;
import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * The stanzas an agent sends in a chat, built from the message it answers: receipts (XEP-0184), chat states
 * (XEP-0085) and answers, each with its own XEP-0359 id; and the request id of an incoming message. In a room
 * (rfc section 12) they go to the room as {@code groupchat}, with no chat states or receipts.
 */
public final class ChatStanzas {
  public static final String CHATSTATES = "http://jabber.org/protocol/chatstates";
  public static final String RECEIPTS = "urn:xmpp:receipts";
  public static final String SID = "urn:xmpp:sid:0";

  private ChatStanzas() {
  }

  /** Request id (idempotency key): the client's XEP-0359 origin-id, else the stanza id, else a fresh one. */
  static String requestId(Message m) {
    Element origin = m.getChildElement("origin-id", SID);
    if (origin != null && origin.attributeValue("id") != null) {
      return origin.attributeValue("id");
    }
    return m.getID() != null ? m.getID() : UUID.randomUUID().toString();
  }

  /**
   * A group chat message from a room, which the agent answers in the room (rfc section 12): to its bare JID, as
   * {@code groupchat}, with no chat states, receipts or corrections.
   */
  static boolean inRoom(Message m) {
    return m.getType() == Message.Type.groupchat;
  }

  /**
   * A message from the agent {@code incoming} was sent to, back to its sender (or into its room), with its own id,
   * also as XEP-0359 origin-id.
   */
  static Message fromAgent(Message incoming) {
    Message m = new Message();
    m.setType(inRoom(incoming) ? Message.Type.groupchat : Message.Type.chat);
    m.setFrom(incoming.getTo());
    m.setTo(inRoom(incoming) ? incoming.getFrom().asBareJID() : incoming.getFrom());
    String id = UUID.randomUUID().toString();
    m.setID(id);
    m.addChildElement("origin-id", SID).addAttribute("id", id);
    return m;
  }

  static Message chatState(Message incoming, String state) {
    Message m = fromAgent(incoming);
    m.addChildElement(state, CHATSTATES);
    m.addChildElement("no-store", "urn:xmpp:hints");
    return m;
  }

  /** A chat message from the agent with this body, ending its chat state. */
  public static Message answer(Message incoming, String body) {
    Message m = fromAgent(incoming);
    m.setBody(body);
    if (!inRoom(incoming)) {
      m.addChildElement("active", CHATSTATES);
    }
    return m;
  }

  /** The XEP-0184 receipt for {@code incoming}, which asked for one. */
  static Message receipt(Message incoming) {
    Message m = fromAgent(incoming);
    m.addChildElement("received", RECEIPTS).addAttribute("id", incoming.getID());
    return m;
  }
}

package io.aiox.component.xmpp.xep0045;

import java.util.Locale;
import java.util.regex.Pattern;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Whether a room message speaks to the agent: a XEP-0372 mention reference whose URI is the agent's JID, or its
 * nickname in the body as a word of its own (case ignored), e.g. "Helper: …", "@Helper …" or "… ask helper".
 */
public final class Mention {
  public static final String REFERENCE = "urn:xmpp:reference:0";

  private Mention() {}

  public static boolean of(Message m, JID agent, String nick) {
    return referenced(m, agent) || named(m.getBody(), nick);
  }

  static boolean referenced(Message m, JID agent) {
    for (Element e : m.getElement().elements("reference")) {
      String uri = e.attributeValue("uri");
      if (REFERENCE.equals(e.getNamespaceURI()) && "mention".equals(e.attributeValue("type")) && uri != null
          && uri.startsWith("xmpp:") && bareOf(uri.substring(5)).equalsIgnoreCase(agent.toBareJID())) {
        return true;
      }
    }
    return false;
  }

  /** The bare JID of an XMPP URI's path (RFC 5122), without its query; empty for one that is no JID. */
  private static String bareOf(String path) {
    int query = path.indexOf('?');
    try {
      return new JID(query < 0 ? path : path.substring(0, query)).toBareJID();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  static boolean named(String body, String nick) {
    if (body == null || nick.isBlank()) {
      return false;
    }
    // A word boundary that also holds for nicknames starting or ending with punctuation or spaces.
    Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(nick.toLowerCase(Locale.ROOT))
        + "(?![\\p{L}\\p{N}_])");
    return word.matcher(body.toLowerCase(Locale.ROOT)).find();
  }
}

package io.aiox.component.xmpp.xep0308;

import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * XEP-0308 section 3: {@code <replace id='…' xmlns='urn:xmpp:message-correct:0'/>}, marking a message as the
 * corrected version of the earlier message with that id; the new message has its own id and the whole new text.
 */
public final class Replace {
  public static final String ELEMENT = "replace";
  public static final String NAMESPACE = "urn:xmpp:message-correct:0";

  private Replace() {}

  /** Marks {@code m} as the correction of the message {@code originalId}. */
  public static void addTo(Message m, String originalId) {
    m.addChildElement(ELEMENT, NAMESPACE).addAttribute("id", originalId);
  }

  /** The id of the message {@code m} corrects, or null when it is no correction. */
  public static String of(Message m) {
    Element replace = m.getChildElement(ELEMENT, NAMESPACE);
    return replace == null ? null : replace.attributeValue("id");
  }
}

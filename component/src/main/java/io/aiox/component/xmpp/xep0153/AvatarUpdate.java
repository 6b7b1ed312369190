package io.aiox.component.xmpp.xep0153;

import io.aiox.schema.agent.Agent;
import org.dom4j.Element;

/** XEP-0153 section 4.1: {@code <x xmlns='vcard-temp:x:update'><photo>SHA-1</photo></x>} in an agent's presence. */
public final class AvatarUpdate {
  public static final String NAMESPACE = "vcard-temp:x:update";

  private AvatarUpdate() {}

  /** Adds the hash of the agent's inline picture; nothing for an https avatar, whose hash the hub does not know. */
  public static void addTo(Element presence, Agent agent) {
    Avatar.of(agent).ifPresent(a -> presence.addElement("x", NAMESPACE).addElement("photo").setText(a.sha1()));
  }
}

package io.aiox.component.xmpp.xep0045;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.xmpp.packet.Presence;

/**
 * The real bare JIDs of the occupants of the rooms the agents are in, as the rooms' presence shows them: only a
 * non-anonymous room (or one where the agent moderates) names them (XEP-0045 section 7.2.3). Kept in this
 * instance's memory, bounded: a room's occupants come again whenever the agent rejoins, and an occupant not known
 * here counts as a stranger, so a loss only ever refuses, never admits.
 */
public final class Occupants {
  private final Map<String, String> realJids = new ConcurrentHashMap<>();
  private final int maxEntries;

  public Occupants(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** Notes the occupant's presence in a room the agent {@code agentJid} is in. */
  public void seen(String agentJid, Presence p) {
    String key = key(agentJid, p.getFrom().toString());
    Element x = p.getChildElement("x", Invitation.MUC_USER);
    Element item = x == null ? null : x.element("item");
    String real = item == null ? null : item.attributeValue("jid");
    if (p.getType() == Presence.Type.unavailable || real == null) {
      realJids.remove(key);
      return;
    }
    if (realJids.size() >= maxEntries) {
      realJids.clear();
    }
    realJids.put(key, new org.xmpp.packet.JID(real).toBareJID());
  }

  /** The real bare JID behind {@code occupant} (room@service/nick), when the room told. */
  public Optional<String> realJid(String agentJid, String occupant) {
    return Optional.ofNullable(realJids.get(key(agentJid, occupant)));
  }

  private static String key(String agentJid, String occupant) {
    return agentJid + " " + occupant;
  }
}

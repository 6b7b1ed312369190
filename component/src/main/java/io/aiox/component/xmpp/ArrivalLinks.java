package io.aiox.component.xmpp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which link each sender's last stanza arrived on, so that replies go back the same way. ejabberd hands a stanza to
 * the component link on the sender's own node when there is one, so a reply on that link reaches the sender without
 * crossing to another node, and the users of a node that survives never depend on one that is lost. Bounded: a
 * full map is emptied (a sender then gets replies on the link its recipient hash picks until it writes again).
 */
final class ArrivalLinks {
  private static final int MAX_SENDERS = 100_000;
  private final Map<String, ComponentLink> bySender = new ConcurrentHashMap<>();

  void arrived(String from, ComponentLink link) {
    if (from == null) {
      return;
    }
    if (bySender.size() >= MAX_SENDERS) {
      bySender.clear();
    }
    bySender.put(from, link);
  }

  /** The link {@code to}'s last stanza came on, or null. */
  ComponentLink of(String to) {
    return bySender.get(to);
  }
}

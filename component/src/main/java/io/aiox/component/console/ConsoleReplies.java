package io.aiox.component.console;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * The component's outbound stanzas addressed to a console request's JID (a full JID whose resource starts with
 * {@link #RESOURCE_PREFIX}) go to that request instead of the XMPP server. One addressed to such a JID whose request
 * has ended (a late correction, say) is dropped: sent to the server it would reach the user's other clients, as
 * a message to an unknown resource is delivered to the bare JID (RFC 6121 section 8.5.3.2.1).
 */
public final class ConsoleReplies {
  private static final Logger LOG = Logger.getLogger(ConsoleReplies.class.getName());
  /** The resource of every console request's JID begins with this; a UUID follows. */
  public static final String RESOURCE_PREFIX = "aiox-console-";

  private final Map<String, Consumer<Packet>> open = new ConcurrentHashMap<>();

  /** Whether {@code packet} was for a console request (taken, or dropped when its request has ended). */
  public boolean took(Packet packet) {
    JID to = packet.getTo();
    if (to == null || to.getResource() == null || !to.getResource().startsWith(RESOURCE_PREFIX)) {
      return false;
    }
    Consumer<Packet> request = open.get(to.toString());
    if (request == null) {
      LOG.fine(() -> "dropped a stanza for the ended console request " + to);
    } else {
      request.accept(packet);
    }
    return true;
  }

  void open(JID jid, Consumer<Packet> request) {
    open.put(jid.toString(), request);
  }

  void close(JID jid) {
    open.remove(jid.toString());
  }
}

package io.aiox.web.usage;

import io.vertx.core.Future;

/** Sends an owner a chat message over XMPP (implemented by the component, which holds the XMPP stream). */
public interface OwnerNotifier {
  /** Completes once the message is handed to the XMPP server; fails when the hub has no stream to send it on. */
  Future<Void> tell(String ownerBareJid, String text);
}

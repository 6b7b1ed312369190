package io.aiox.component.console;

import io.aiox.component.xmpp.ComponentVerticle;
import io.aiox.web.usage.OwnerNotifier;
import io.vertx.core.Future;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Sends an owner a chat message from the agents service's own address (the component's domain, e.g.
 * {@code agents.example.org}): a usage alert concerns the owner's account, not one agent (rfc, "Usage alerts").
 */
public final class ChatNotifier implements OwnerNotifier {
  private final ComponentVerticle component;
  private final String serviceJid;

  public ChatNotifier(ComponentVerticle component, String serviceJid) {
    this.component = component;
    this.serviceJid = serviceJid;
  }

  @Override
  public Future<Void> tell(String ownerBareJid, String text) {
    if (!component.connected()) {
      return Future.failedFuture(new IllegalStateException("the component is not connected to the XMPP server"));
    }
    Message m = new Message();
    m.setType(Message.Type.chat);
    m.setFrom(new JID(serviceJid));
    m.setTo(new JID(ownerBareJid));
    m.setBody(text);
    m.addChildElement("alert", "urn:aiox:usage:0");
    component.sendStanza(m);
    return Future.succeededFuture();
  }
}

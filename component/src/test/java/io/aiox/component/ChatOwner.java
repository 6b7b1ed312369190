package io.aiox.component;

import io.aiox.component.hub.Hub;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/** Test fixture: a person who owns agents on a hub: a new ejabberd account, logged in, and its hub user. */
public record ChatOwner(XMPPTCPConnection xmpp, User user) {
  public static ChatOwner register(Hub hub, EjabberdServer ejabberd, String prefix) {
    XMPPTCPConnection xmpp = ejabberd.newUser(prefix);
    User user = new UserRepository(hub.database().ownerScope())
        .create(xmpp.getUser().getLocalpart().toString(), xmpp.getUser().asBareJid().toString()).await();
    return new ChatOwner(xmpp, user);
  }
}

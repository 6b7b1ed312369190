package io.aiox.component;

import io.aiox.component.hub.Hub;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.vertx.core.json.JsonObject;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/** Test fixture: a person who owns agents on a hub: a new ejabberd account, logged in, and its hub user. */
public record ChatOwner(XMPPTCPConnection xmpp, User user) {
  public static ChatOwner register(Hub hub, EjabberdServer ejabberd, String prefix) {
    XMPPTCPConnection xmpp = ejabberd.newUser(prefix);
    User user = new UserRepository(hub.database().ownerScope())
        .create(xmpp.getUser().getLocalpart().toString(), xmpp.getUser().asBareJid().toString()).await();
    return new ChatOwner(xmpp, user);
  }

  /** A private agent of this owner named {@code name} on the model {@code model} (64 tokens at most an answer). */
  public EntityBareJid agent(Hub hub, EjabberdServer ejabberd, String name, String model)
      throws XmppStringprepException {
    var agent = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain())
        .create(user.id(), new NewAgent(new JsonObject().put("name", name),
            new JsonObject().put("model", model).put("max_tokens", 64), null, null, null, Visibility.PRIVATE))
        .await();
    return JidCreate.entityBareFrom(agent.jid().toString());
  }
}

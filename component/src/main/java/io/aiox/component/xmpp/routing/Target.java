package io.aiox.component.xmpp.routing;

import io.aiox.policy.access.AccessDecision;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.user.User;
import java.util.Optional;

/** What a stanza is addressed to and who sent it, once routing and the access check are done. */
public record Target(Optional<Agent> agent, Optional<User> sender, String senderBareJid, AccessDecision access) {
  /** The stanza is for the component's own domain (the service), not for an agent. */
  public boolean service() {
    return agent.isEmpty();
  }
}

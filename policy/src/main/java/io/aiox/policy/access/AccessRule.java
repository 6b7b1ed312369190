package io.aiox.policy.access;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.user.User;
import io.vertx.core.json.JsonArray;
import java.util.Locale;
import java.util.Optional;

/** Decides, for one stanza, whether its sender may use the agent. Pure: no I/O, the same answer for the same input. */
public final class AccessRule {
  private AccessRule() {}

  /**
   * @param agent the addressed agent
   * @param sender the hub user the sender's bare JID belongs to (their account or a JID they linked), if any
   * @param senderBareJid the sender's bare JID as the server stamped it
   */
  public static AccessDecision decide(Agent agent, Optional<User> sender, String senderBareJid) {
    if (sender.isPresent() && sender.get().id().equals(agent.owner())) {
      return sender.get().enabled() ? AccessDecision.ownerAccess() : AccessDecision.denied("your account is disabled");
    }
    return switch (agent.visibility()) {
      case PUBLIC -> AccessDecision.granted("public agent");
      case SHARED -> listed(agent, senderBareJid)
          ? AccessDecision.granted("listed in the agent's governance")
          : AccessDecision.denied("this agent is shared only with the JIDs and domains its owner listed");
      case PRIVATE -> AccessDecision.denied("this agent answers only its owner");
    };
  }

  private static boolean listed(Agent agent, String bareJid) {
    String jid = bareJid.toLowerCase(Locale.ROOT);
    String domain = jid.substring(jid.indexOf('@') + 1);
    JsonArray jids = agent.governance().getJsonArray("allowed_jids", new JsonArray());
    JsonArray domains = agent.governance().getJsonArray("allowed_domains", new JsonArray());
    return jids.contains(jid) || domains.contains(domain);
  }
}

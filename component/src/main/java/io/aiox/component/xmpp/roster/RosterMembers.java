package io.aiox.component.xmpp.roster;

import io.aiox.policy.access.AccessRule;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.Visibility;
import io.vertx.core.json.JsonArray;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whose roster an agent belongs in: its owner's account, and for a shared agent each JID its governance lists
 * ({@code allowed_jids}) that is an account of this hub. Listed domains and public agents reach people the hub
 * cannot enumerate (or everyone): they subscribe themselves, as to any contact.
 */
public final class RosterMembers {
  private RosterMembers() {}

  /** Bare JIDs, lower case, the owner first. */
  public static Set<String> of(Agent agent, String ownerJid, String hubDomain) {
    Set<String> members = new LinkedHashSet<>();
    members.add(ownerJid.toLowerCase(Locale.ROOT));
    if (agent.visibility() == Visibility.SHARED
        && agent.governance().getValue(AccessRule.ALLOWED_JIDS) instanceof JsonArray listed) {
      String suffix = "@" + hubDomain.toLowerCase(Locale.ROOT);
      for (Object entry : listed) {
        String jid = entry instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : "";
        if (jid.endsWith(suffix) && jid.indexOf('@') > 0 && jid.indexOf('/') < 0) {
          members.add(jid); // the access rule compares bare JIDs this way, so a full JID admits no one
        }
      }
    }
    return members;
  }
}

package io.aiox.policy.access;

import io.aiox.policy.quota.QuotaRequest;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.user.User;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, for one stanza, whether its sender may use the agent. Pure: no I/O, the same answer for the same input.
 * In this order, the first rule that applies decides:
 * <ol>
 *   <li>the hub's {@code federation.deny_domains} refuse everyone of those servers, linked JIDs included;</li>
 *   <li>the owner (their account or a JID they linked) is admitted, unless their account is disabled;</li>
 *   <li>the agent's {@code denied_jids} and {@code denied_domains} (and their subdomains) are refused;</li>
 *   <li>visibility: private refuses; shared admits its {@code allowed_jids} and {@code allowed_domains}; public
 *       admits everyone, but senders of other servers only from its {@code allowed_remote_domains} when set.</li>
 * </ol>
 * Governance that cannot be read refuses everyone but the owner: access fails closed.
 */
public final class AccessRule {
  public static final String ALLOWED_JIDS = "allowed_jids";
  public static final String ALLOWED_DOMAINS = "allowed_domains";
  public static final String DENIED_JIDS = "denied_jids";
  public static final String DENIED_DOMAINS = "denied_domains";
  public static final String ALLOWED_REMOTE_DOMAINS = "allowed_remote_domains";

  private final String hubDomain;
  private final FederationConfig federation;

  /** @param hubDomain the users' domain of this hub: senders of any other server are remote */
  public AccessRule(String hubDomain, FederationConfig federation) {
    this.hubDomain = Objects.requireNonNull(hubDomain, "hubDomain").toLowerCase(Locale.ROOT);
    this.federation = Objects.requireNonNull(federation, "federation");
  }

  /**
   * @param agent the addressed agent
   * @param sender the hub user the sender's bare JID belongs to (their account or a JID they linked), if any
   * @param senderBareJid the sender's bare JID as the server stamped it
   */
  public AccessDecision decide(Agent agent, Optional<User> sender, String senderBareJid) {
    String jid = senderBareJid.toLowerCase(Locale.ROOT);
    String domain = DomainMatch.domainOf(jid);
    if (federation.denies(domain)) {
      return AccessDecision.denied("this hub does not accept stanzas from " + domain);
    }
    if (sender.isPresent() && sender.get().id().equals(agent.owner())) {
      return sender.get().enabled() ? AccessDecision.ownerAccess() : AccessDecision.denied("your account is disabled");
    }
    try {
      return byGovernance(agent, jid, domain);
    } catch (IllegalArgumentException e) {
      return AccessDecision.denied("this agent's access settings are invalid (" + e.getMessage()
          + "); its owner has to fix them");
    }
  }

  private AccessDecision byGovernance(Agent agent, String jid, String domain) {
    if (list(agent, DENIED_JIDS).contains(jid) || DomainMatch.inOrUnder(domain, list(agent, DENIED_DOMAINS))) {
      return AccessDecision.denied("this agent's owner does not accept messages from " + jid);
    }
    return switch (agent.visibility()) {
      case PUBLIC -> publicAgent(agent, domain);
      case SHARED -> list(agent, ALLOWED_JIDS).contains(jid) || list(agent, ALLOWED_DOMAINS).contains(domain)
          ? AccessDecision.granted("listed in the agent's governance")
          : AccessDecision.denied("this agent is shared only with the JIDs and domains its owner listed");
      case PRIVATE -> AccessDecision.denied("this agent answers only its owner");
    };
  }

  private AccessDecision publicAgent(Agent agent, String domain) {
    boolean remote = QuotaRequest.remoteDomain(domain, hubDomain).isPresent(); // one definition of "remote"
    if (!remote || !agent.governance().containsKey(ALLOWED_REMOTE_DOMAINS)
        || list(agent, ALLOWED_REMOTE_DOMAINS).contains(domain)) {
      return AccessDecision.granted("public agent");
    }
    return AccessDecision.denied("this agent answers users of its own hub and of the servers its owner listed;"
        + " " + domain + " is not among them");
  }

  /** A governance list in lower case; absent is empty, anything but a list of strings is invalid. */
  private static List<String> list(Agent agent, String key) {
    Object value = agent.governance().getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException(key + " is not a list");
    }
    List<String> entries = new ArrayList<>(array.size());
    for (Object entry : array) {
      if (!(entry instanceof String s)) {
        throw new IllegalArgumentException(key + " lists something that is not a JID or domain: " + entry);
      }
      entries.add(s.strip().toLowerCase(Locale.ROOT));
    }
    return entries;
  }
}

package io.aiox.policy.quota;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One turn asking to run: the agent and its owner, the agent's governance (its own limits), the sender's domain
 * when it is not this hub's, the most tokens the turn may take (its prompt estimate plus the agent's
 * {@code max_tokens}), which is what gets reserved, and the owner who pays: the agent's owner, or for a question
 * from another agent of this hub, the owner whose agent started the chain (rfc section 10).
 */
public record QuotaRequest(OwnerId owner, AgentId agent, JsonObject agentGovernance, Optional<String> remoteDomain,
                           long tokens, OwnerId payer) {
  public QuotaRequest {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(agent, "agent");
    payer = payer == null ? owner : payer;
    agentGovernance = agentGovernance == null ? new JsonObject() : agentGovernance;
    remoteDomain = remoteDomain.map(d -> d.toLowerCase(Locale.ROOT));
    if (tokens < 0) {
      throw new IllegalArgumentException("a turn reserves >= 0 tokens, was " + tokens);
    }
  }

  /** A turn its agent's owner pays for. */
  public QuotaRequest(OwnerId owner, AgentId agent, JsonObject agentGovernance, Optional<String> remoteDomain,
                      long tokens) {
    this(owner, agent, agentGovernance, remoteDomain, tokens, owner);
  }

  /**
   * The sender's domain as a quota scope: empty for this hub's own users (its domain and its subdomains),
   * otherwise the domain.
   */
  public static Optional<String> remoteDomain(String senderDomain, String hubDomain) {
    String d = senderDomain.toLowerCase(Locale.ROOT);
    String hub = hubDomain.toLowerCase(Locale.ROOT);
    return d.equals(hub) || d.endsWith("." + hub) ? Optional.empty() : Optional.of(d);
  }
}

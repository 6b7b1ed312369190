package io.aiox.schema.quota;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/**
 * The database's side of a quota check: the paying owner's {@code quota_config} (limits that override the hub's
 * defaults), the agent's owner's (the same one unless another owner's chain of agents pays for the turn), and the
 * tokens already recorded today (UTC) for the paying owner, the agent and the sender's remote domain (0 when the
 * sender is local).
 */
public record QuotaSnapshot(JsonObject quotaConfig, JsonObject agentOwnerConfig, LocalDate day, long ownerTokensToday,
                            long agentTokensToday, long domainTokensToday) {
  public QuotaSnapshot {
    quotaConfig = quotaConfig == null ? new JsonObject() : quotaConfig.copy();
    agentOwnerConfig = agentOwnerConfig == null ? quotaConfig : agentOwnerConfig.copy();
  }

  /** The usual case: the agent's owner pays. */
  public QuotaSnapshot(JsonObject quotaConfig, LocalDate day, long ownerTokensToday, long agentTokensToday,
                       long domainTokensToday) {
    this(quotaConfig, null, day, ownerTokensToday, agentTokensToday, domainTokensToday);
  }

  /** This snapshot with the agent's side (its owner's config, its tokens today) taken from {@code agentSide}. */
  public QuotaSnapshot withAgentSide(QuotaSnapshot agentSide) {
    return new QuotaSnapshot(quotaConfig, agentSide.quotaConfig, day, ownerTokensToday, agentSide.agentTokensToday,
        domainTokensToday);
  }
}

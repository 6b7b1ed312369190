package io.aiox.schema.quota;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/**
 * The database's side of a quota check: the owner's {@code quota_config} (limits that override the hub's defaults)
 * and the tokens already recorded today (UTC) for the owner, the agent and the sender's remote domain (0 when the
 * sender is local).
 */
public record QuotaSnapshot(JsonObject quotaConfig, LocalDate day, long ownerTokensToday, long agentTokensToday,
                            long domainTokensToday) {
  public QuotaSnapshot {
    quotaConfig = quotaConfig == null ? new JsonObject() : quotaConfig.copy();
  }
}

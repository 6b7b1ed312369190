package io.aiox.web.usage;

import io.aiox.policy.quota.Quotas;
import io.aiox.schema.OwnerScope;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.usage.AlertRepository;
import io.aiox.schema.usage.UsageRepository;

/** The stores the usage group reads: all owner-scoped, and the quota service the turns are admitted by. */
public record UsageSources(UsageRepository usage, AlertRepository alerts, AgentRepository agents, Quotas quotas,
                           AuditLog audit) {
  public static UsageSources of(OwnerScope scope, String agentsDomain, Quotas quotas) {
    return new UsageSources(new UsageRepository(scope), new AlertRepository(scope),
        new AgentRepository(scope, agentsDomain), quotas, new AuditLog(scope));
  }
}

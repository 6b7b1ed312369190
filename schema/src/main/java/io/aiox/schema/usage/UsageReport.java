package io.aiox.schema.usage;

import java.util.List;

/** Everything {@link UsageRepository} reads for a window of days. */
public record UsageReport(List<AgentDay> days, List<RefusalCount> refusals, List<ModelUse> models) {
  public UsageReport {
    days = List.copyOf(days);
    refusals = List.copyOf(refusals);
    models = List.copyOf(models);
  }
}

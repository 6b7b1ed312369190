package io.aiox.web.usage;

import io.aiox.schema.usage.ModelUse;
import io.aiox.schema.usage.UsageReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;

/** The parts of {@code GET /api/usage} that come from PostgreSQL, in the API's snake_case form. */
final class UsageJson {
  private UsageJson() {}

  static JsonObject of(UsageReport report, PriceTable prices) {
    JsonArray days = new JsonArray();
    report.days().forEach(d -> days.add(new JsonObject().put("day", d.day().toString())
        .put("agent_id", d.agent().toString()).put("agent_name", d.agentName()).put("tokens", d.tokens())
        .put("turns", d.turns())));
    JsonArray refusals = new JsonArray();
    report.refusals().forEach(r -> refusals.add(new JsonObject().put("reason", r.reason()).put("count", r.count())));
    JsonArray latency = new JsonArray();
    report.models().forEach(m -> latency.add(new JsonObject().put("model", m.model()).put("turns", m.turns())
        .put("p50_ms", m.p50Ms()).put("p99_ms", m.p99Ms())));
    return new JsonObject().put("days", days).put("refusals", refusals).put("cost", cost(report, prices))
        .put("latency", latency);
  }

  /** Each model's tokens at its price; a model without one is listed with a null cost and left out of the total. */
  private static JsonObject cost(UsageReport report, PriceTable prices) {
    BigDecimal total = BigDecimal.ZERO;
    JsonArray byModel = new JsonArray();
    for (ModelUse m : report.models()) {
      Optional<BigDecimal> cost = prices.of(m.model()).map(p -> p.cost(m.promptTokens(), m.completionTokens()));
      total = total.add(cost.orElse(BigDecimal.ZERO));
      byModel.add(new JsonObject().put("model", m.model()).put("prompt_tokens", m.promptTokens())
          .put("completion_tokens", m.completionTokens()).put("tokens", m.promptTokens() + m.completionTokens())
          .put("cost", cost.map(BigDecimal::doubleValue).orElse(null)).put("priced", cost.isPresent()));
    }
    return new JsonObject().put("currency", prices.currency()).put("total", total.doubleValue())
        .put("by_model", byModel);
  }

  static JsonObject hub(HubLoad hub) {
    JsonArray workers = new JsonArray();
    hub.workers().forEach(w -> workers.add(new JsonObject().put("model", w.model()).put("healthy", w.healthy())
        .put("slots", w.slots()).put("busy", w.busy()).put("waiting", w.waiting())
        .put("problem", w.problem().orElse(null))));
    return new JsonObject().put("queue", new JsonObject().put("depth", hub.queueDepth())).put("workers", workers);
  }
}

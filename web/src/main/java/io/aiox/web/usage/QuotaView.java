package io.aiox.web.usage;

import io.aiox.policy.quota.Limit;
import io.aiox.policy.quota.QuotaScope;
import io.aiox.policy.quota.QuotaStatus;
import io.aiox.policy.quota.Quotas;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an owner has left, read from the same Redis counters the turns are admitted by ({@link Quotas#status}): the
 * owner's own counters once, then each live agent's.
 */
final class QuotaView {
  private final Quotas quotas;
  private final AgentRepository agents;

  QuotaView(Quotas quotas, AgentRepository agents) {
    this.quotas = quotas;
    this.agents = agents;
  }

  Future<JsonArray> of(OwnerId owner) {
    return agents.listByOwner(owner).compose(list -> {
      JsonArray out = new JsonArray();
      if (list.isEmpty()) {
        // the owner's counters are read together with an agent's; with no agent, one that has no counters
        return quotas.status(owner, AgentId.random(), new JsonObject()).map(s -> add(out, s, QuotaScope.USER, null));
      }
      return next(owner, list, 0, out);
    });
  }

  private Future<JsonArray> next(OwnerId owner, List<Agent> list, int i, JsonArray out) {
    if (i == list.size()) {
      return Future.succeededFuture(out);
    }
    Agent agent = list.get(i);
    return quotas.status(owner, agent.id(), agent.governance()).compose(s -> {
      if (i == 0) {
        add(out, s, QuotaScope.USER, null);
      }
      add(out, s, QuotaScope.AGENT, agent);
      return next(owner, list, i + 1, out);
    });
  }

  private static JsonArray add(JsonArray out, QuotaStatus status, QuotaScope scope, Agent agent) {
    status.usages().stream().filter(u -> u.scope() == scope).forEach(u -> {
      JsonObject row = new JsonObject().put("scope", scope.configName())
          .put("agent_id", agent == null ? null : agent.id().toString())
          .put("agent_name", agent == null ? null : agent.name())
          .put("window", window(u.limit())).put("limit_key", u.limit().key())
          .put("limit", u.unlimited() ? null : u.limitValue()).put("used", u.used())
          .put("remaining", u.unlimited() ? null : u.remaining())
          .put("resets_at", u.resetsAt().map(Object::toString).orElse(null));
      out.add(row);
    });
    return out;
  }

  /** {@code minute}, {@code day} or {@code concurrent}: how the limit's counter is kept. */
  static String window(Limit limit) {
    return switch (limit) {
      case TOKENS_PER_MINUTE, MESSAGES_PER_MINUTE -> "minute";
      case TOKENS_PER_DAY -> "day";
      case CONCURRENT_TURNS -> "concurrent";
    };
  }
}

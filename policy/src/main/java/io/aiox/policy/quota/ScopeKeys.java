package io.aiox.policy.quota;

import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Redis keys of a turn's counters, in the order every quota script takes them, and the refusal those scripts
 * answer with. One place, so reserving, extending, settling and reading always name the same counters.
 */
final class ScopeKeys {
  private static final String PREFIX = "aiox:quota:";

  private ScopeKeys() {}

  /** One scope's counters: which scope, and whose (an owner id, an agent id, a domain). */
  record Ref(QuotaScope scope, String id) {}

  /** The paying owner, the agent, and the sender's domain when it is a federated one. */
  static List<Ref> scopes(OwnerId payer, AgentId agent, Optional<String> remoteDomain) {
    List<Ref> scopes = new ArrayList<>(3);
    scopes.add(new Ref(QuotaScope.USER, payer.toString()));
    scopes.add(new Ref(QuotaScope.AGENT, agent.toString()));
    remoteDomain.ifPresent(d -> scopes.add(new Ref(QuotaScope.REMOTE_DOMAIN, d)));
    return scopes;
  }

  /** Each scope's window, day and running keys, then (unless {@code turnId} is null) the turn's own key. */
  static List<String> keys(List<Ref> scopes, String turnId) {
    List<String> keys = new ArrayList<>(scopes.size() * 3 + 1);
    for (Ref s : scopes) {
      String prefix = PREFIX + s.scope().keyPart() + ":" + s.id();
      keys.add(prefix + ":win");
      keys.add(prefix + ":day");
      keys.add(prefix + ":run");
    }
    if (turnId != null) {
      keys.add(PREFIX + "turn:" + turnId);
    }
    return keys;
  }

  /** A script's {@code {0, scope, limit, limit value, remaining, resets at ms, now ms}} for a turn of {@code tokens}. */
  static Refused refused(Response r, List<Ref> scopes, long tokens) {
    return new Refused(scopes.get(r.get(1).toInteger() - 1).scope(), Limit.ofCode(r.get(2).toInteger()),
        r.get(3).toLong(), r.get(4).toLong(), tokens, Instant.ofEpochMilli(r.get(5).toLong()));
  }
}

package io.aiox.component.xmpp;

import io.aiox.component.agents.AgentEvents;
import io.aiox.component.hub.AgentsConfig;
import io.aiox.component.hub.XmppConfig;
import io.aiox.component.xmpp.stream.StreamLimits;
import io.aiox.policy.access.FederationConfig;
import io.aiox.policy.crypto.Vault;
import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.schema.Database;
import io.aiox.worker.memory.TrustedUploads;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ComponentVerticle} is built from: the XMPP settings and stream limits, its stores, the models turns
 * go to, the quota defaults, and what the hub adds. {@code federation}: the hub-wide deny list for remote servers;
 * {@code uploads}: the hub's own upload services, whose bare links are files sent (rfc section 6.3);
 * {@code metrics} and {@code tracing}: where turns, tokens, refusals and spans go; {@code agents} and {@code vault}:
 * the self-service rules and the key that seals system prompts given by ad-hoc command (none: such prompts are
 * refused); {@code agentEvents}: who hears of agents created or deleted by ad-hoc command (the owners' rosters);
 * {@code localRedis}: options for a Redis connection of the quota checks' own ({@link PipelinedRedis}): every turn's
 * two scripts are pipelined on it instead of each taking a pooled connection, and since it is made on the
 * verticle's event loop, neither a request nor its reply crosses threads (none: they use {@code redis}).
 */
public record ComponentSetup(XmppConfig config, StreamLimits limits, Database database, Redis redis,
                             ModelRegistry models, QuotaDefaults quotaDefaults, FederationConfig federation,
                             TrustedUploads uploads, Metrics metrics, Tracing tracing, AgentsConfig agents,
                             Optional<Vault> vault, AgentEvents agentEvents, Optional<RedisOptions> localRedis) {
  public ComponentSetup {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(quotaDefaults, "quotaDefaults");
    Objects.requireNonNull(federation, "federation");
    Objects.requireNonNull(uploads, "uploads");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(agents, "agents");
    Objects.requireNonNull(vault, "vault");
    Objects.requireNonNull(agentEvents, "agentEvents");
    Objects.requireNonNull(localRedis, "localRedis");
  }

  /**
   * With nothing added: the default federation rules, no upload services, no metrics or spans, the default
   * self-service rules without a vault, nobody told of agent events, the shared Redis client for quotas.
   */
  public static ComponentSetup of(XmppConfig config, StreamLimits limits, Database database, Redis redis,
                                  ModelRegistry models, QuotaDefaults quotaDefaults) {
    return new ComponentSetup(config, limits, database, redis, models, quotaDefaults, FederationConfig.DEFAULTS,
        TrustedUploads.NONE, Metrics.NONE, Tracing.NONE, AgentsConfig.DEFAULTS, Optional.empty(), AgentEvents.NONE,
        Optional.empty());
  }
}

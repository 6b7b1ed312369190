package io.aiox.worker.inference;

import io.aiox.policy.crypto.Vault;
import io.aiox.schema.Database;
import io.aiox.worker.memory.MemoryOptions;
import io.aiox.worker.memory.TrustedUploads;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.tool.ToolRegistry;
import io.vertx.redis.client.Redis;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link InferenceVerticle} is built from: its stores, the models it serves, the agents' domain, and what the
 * hub adds. {@code vault}: the agents' sealed system prompts are used when the hub has a master key; {@code memory}:
 * long-term memory settings (the hub's {@code memory} section); {@code uploads}: the hub's own upload services, whose
 * files the memory service fetches; {@code metrics} and {@code tracing}: where durations, stages and spans go;
 * {@code tools}: the tools this hub runs (the built-in ones with default settings when empty).
 */
public record InferenceSetup(Database database, Redis redis, ModelRegistry models, String agentsDomain,
                             Optional<Vault> vault, MemoryOptions memory, TrustedUploads uploads, Metrics metrics,
                             Tracing tracing, Optional<ToolRegistry> tools) {
  public InferenceSetup {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(agentsDomain, "agentsDomain");
    Objects.requireNonNull(vault, "vault");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(uploads, "uploads");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(tools, "tools");
  }

  /** With nothing added: no vault, default memory settings, no metrics or spans, the built-in tools. */
  public static InferenceSetup of(Database database, Redis redis, ModelRegistry models, String agentsDomain) {
    return new InferenceSetup(database, redis, models, agentsDomain, Optional.empty(), MemoryOptions.DEFAULTS,
        TrustedUploads.NONE, Metrics.NONE, Tracing.NONE, Optional.empty());
  }
}

package io.aiox.worker.memory;

import io.aiox.config.ConfigSection;
import io.aiox.schema.memory.MemoryRepository;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * How a hub runs long-term memory (the {@code memory} section of its configuration).
 *
 * @param embedThreads threads the embedding model spreads a batch over
 * @param maxBatch texts embedded in one call at most
 * @param retention how long a deleted agent's memories are kept before the sweep removes them
 * @param sweepInterval how often the retention sweep runs
 * @param exactLimit agents with at most this many memories are searched exactly
 * @param efSearch HNSW candidates per search for larger agents
 */
public record MemoryOptions(int embedThreads, int maxBatch, Duration retention, Duration sweepInterval,
                            int exactLimit, int efSearch) {
  public static final int DEFAULT_MAX_BATCH = 32;
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(1);
  public static final MemoryOptions DEFAULTS = new MemoryOptions(Runtime.getRuntime().availableProcessors(),
      DEFAULT_MAX_BATCH, DEFAULT_RETENTION, DEFAULT_SWEEP_INTERVAL, MemoryRepository.DEFAULT_EXACT_LIMIT,
      MemoryRepository.DEFAULT_EF_SEARCH);
  private static final Set<String> KEYS = Set.of("embed_threads", "max_batch", "retention_days",
      "sweep_interval_seconds", "exact_search_limit", "hnsw_ef_search");

  public MemoryOptions {
    check("embed_threads", embedThreads, 1, 256);
    check("max_batch", maxBatch, 1, 1_024);
    check("exact_search_limit", exactLimit, 0, 1_000_000);
    check("hnsw_ef_search", efSearch, 1, 1_000);
    if (retention.isNegative() || sweepInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("memory.retention_days must be >= 0 and memory.sweep_interval_seconds >= 1");
    }
  }

  /** Reads the {@code memory} section; unknown keys are refused by name. */
  public static MemoryOptions fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("memory", json, KEYS);
    return new MemoryOptions(s.integer("embed_threads", DEFAULTS.embedThreads),
        s.integer("max_batch", DEFAULT_MAX_BATCH), s.days("retention_days", DEFAULT_RETENTION),
        s.seconds("sweep_interval_seconds", DEFAULT_SWEEP_INTERVAL),
        s.integer("exact_search_limit", MemoryRepository.DEFAULT_EXACT_LIMIT),
        s.integer("hnsw_ef_search", MemoryRepository.DEFAULT_EF_SEARCH));
  }

  public MemoryOptions withRetention(Duration value) {
    return new MemoryOptions(embedThreads, maxBatch, value, sweepInterval, exactLimit, efSearch);
  }

  private static void check(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("memory." + key + " must be " + min + ".." + max + ", was " + value);
    }
  }
}

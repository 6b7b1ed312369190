package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryOptionsTest {
  @Test
  void an_empty_section_gives_the_defaults() {
    assertThat(MemoryOptions.fromJson(new JsonObject())).isEqualTo(MemoryOptions.DEFAULTS);
  }

  @Test
  void reads_every_key() {
    MemoryOptions o = MemoryOptions.fromJson(new JsonObject().put("embed_threads", 3).put("max_batch", 8)
        .put("retention_days", 7).put("sweep_interval_seconds", 60).put("exact_search_limit", 500)
        .put("hnsw_ef_search", 64));
    assertThat(o).isEqualTo(new MemoryOptions(3, 8, Duration.ofDays(7), Duration.ofSeconds(60), 500, 64));
  }

  @Test
  void unknown_keys_and_bad_values_are_refused_by_name() {
    assertThatThrownBy(() -> MemoryOptions.fromJson(new JsonObject().put("retention", 3)))
        .hasMessageContaining("memory.retention");
    assertThatThrownBy(() -> MemoryOptions.fromJson(new JsonObject().put("hnsw_ef_search", 0)))
        .hasMessageContaining("memory.hnsw_ef_search");
    assertThatThrownBy(() -> MemoryOptions.fromJson(new JsonObject().put("retention_days", -1)))
        .hasMessageContaining("memory.retention_days");
  }
}

package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.worker.memory.MemorySettings.Remember;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MemorySettingsTest {
  @Test
  void long_term_memory_is_off_unless_enabled_and_remembers_whole_exchanges_by_default() {
    MemorySettings off = MemorySettings.of(new JsonObject().put("short_term_limit", 10));
    assertThat(off.longTerm()).isFalse();
    assertThat(off.remembersTurns()).isFalse();
    MemorySettings on = MemorySettings.of(new JsonObject().put("long_term_enabled", true));
    assertThat(on.remember()).isEqualTo(Remember.FULL);
    assertThat(on.recallK()).isEqualTo(MemorySettings.DEFAULT_RECALL_K);
    assertThat(on.minScore()).isEqualTo(MemorySettings.DEFAULT_MIN_SCORE);
    assertThat(on.tokenBudget()).isEqualTo(MemorySettings.DEFAULT_TOKEN_BUDGET);
    assertThat(on.remembersTurns()).isTrue();
  }

  @Test
  void reads_every_key_and_ignores_descriptive_ones() {
    MemorySettings s = MemorySettings.of(new JsonObject().put("long_term_enabled", true).put("remember", "summaries")
        .put("recall_k", 3).put("recall_min_score", 0.5).put("recall_token_budget", 100).put("type", "hybrid")
        .put("embedding_model", "sentence-transformers/all-MiniLM-L6-v2"));
    assertThat(s).isEqualTo(new MemorySettings(true, Remember.SUMMARIES, 3, 0.5, 100));
    assertThat(MemorySettings.of(new JsonObject().put("long_term_enabled", true).put("remember", "off"))
        .remembersTurns()).isFalse();
  }

  @Test
  void a_bad_value_is_refused_naming_the_key() {
    assertThatThrownBy(() -> MemorySettings.of(new JsonObject().put("long_term_enabled", "yes")))
        .hasMessageContaining("memory_config.long_term_enabled");
    assertThatThrownBy(() -> MemorySettings.of(new JsonObject().put("remember", "everything")))
        .hasMessageContaining("memory_config.remember");
    assertThatThrownBy(() -> MemorySettings.of(new JsonObject().put("recall_k", 0)))
        .hasMessageContaining("memory_config.recall_k");
    assertThatThrownBy(() -> MemorySettings.of(new JsonObject().put("recall_k", 2.5)))
        .hasMessageContaining("memory_config.recall_k");
    assertThatThrownBy(() -> MemorySettings.of(new JsonObject().put("recall_min_score", 2)))
        .hasMessageContaining("memory_config.recall_min_score");
    assertThatThrownBy(() -> MemorySettings.of(new JsonObject().put("recall_token_budget", -1)))
        .hasMessageContaining("memory_config.recall_token_budget");
  }
}

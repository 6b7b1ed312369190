package io.aiox.worker.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.worker.model.ModelRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StaleTurnsTest {
  private static JsonObject remote(Integer timeout) {
    JsonObject m = new JsonObject().put("provider", "openai").put("base_url", "http://127.0.0.1:9/v1")
        .put("model", "m");
    return timeout == null ? m : m.put("timeout_seconds", timeout);
  }

  @Test
  void a_turn_is_stale_after_the_longest_model_timeout_and_five_minutes() {
    ModelRegistry models = ModelRegistry.fromJson(new JsonObject().put("models", new JsonObject()
        .put("quick", remote(30)).put("slow", remote(600)).put("plain", remote(null))));
    assertThat(StaleTurns.staleAfter(models)).isEqualTo(Duration.ofSeconds(600 + 300));
  }

  @Test
  void without_models_the_default_timeout_counts() {
    assertThat(StaleTurns.staleAfter(ModelRegistry.empty())).isEqualTo(Duration.ofSeconds(120 + 300));
  }
}

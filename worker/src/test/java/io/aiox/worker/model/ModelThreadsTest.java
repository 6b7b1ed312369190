package io.aiox.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code inference.threads}: the llama.cpp threads of local models that name none (what ./aiox up --workers sets). */
class ModelThreadsTest {
  private static JsonObject local(JsonObject extra) {
    return new JsonObject().put("path", "/models/a.gguf").mergeIn(extra);
  }

  @Test
  void a_model_without_threads_takes_the_sections_and_one_with_its_own_keeps_them() {
    ModelRegistry registry = ModelRegistry.fromJson(new JsonObject().put("threads", 1).put("models", new JsonObject()
        .put("a", local(new JsonObject())).put("b", local(new JsonObject().put("threads", 3)))));
    assertThat(registry.get("a").orElseThrow().threads()).isEqualTo(1);
    assertThat(registry.get("b").orElseThrow().threads()).isEqualTo(3);
  }

  @Test
  void without_the_key_a_model_takes_the_cpu_count() {
    ModelRegistry registry = ModelRegistry.fromJson(new JsonObject().put("models", new JsonObject()
        .put("a", local(new JsonObject()))));
    assertThat(registry.get("a").orElseThrow().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void zero_threads_is_refused_naming_the_key() {
    assertThatThrownBy(() -> ModelRegistry.fromJson(new JsonObject().put("threads", 0)))
        .hasMessageContaining("inference.threads");
  }
}

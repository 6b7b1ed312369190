package io.aiox.component.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.TurnOutcome;
import io.aiox.worker.telemetry.Violation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every meter the facade can create, named and typed as Prometheus's own linter wants, without any server. */
class MetricsExpositionTest {
  @Test
  void every_aiox_meter_is_exposed_with_its_labels_and_the_whole_exposition_passes_promtool() throws Exception {
    Observability observability = Observability.create();
    Vertx vertx = observability.newVertx();
    try {
      record(observability.metrics());
      observability.watchModels(ModelRegistry.fromJson(new JsonObject().put("models", new JsonObject()
          .put("demo", new JsonObject().put("path", "/models/demo.gguf"))
          .put("remote", new JsonObject().put("provider", "openai").put("base_url", "http://127.0.0.1:9/v1")
              .put("model", "small")))),
          name -> name.equals("demo"));
      Exposition scrape = new Exposition(observability.registry().scrape());

      assertThat(scrape.value("aiox_turns_total", "outcome=\"answered\"")).isEqualTo(1);
      assertThat(scrape.value("aiox_tokens_used_total", "kind=\"prompt\"")).isEqualTo(12);
      assertThat(scrape.value("aiox_llm_inference_duration_seconds_count", "model=\"demo\"", "provider=\"local\"",
          "outcome=\"ok\"")).isEqualTo(1);
      assertThat(scrape.value("aiox_llm_inference_duration_seconds_bucket", "model=\"demo\"", "le=\"0.5\""))
          .as("0.3 s falls in the 0.5 s bucket").isEqualTo(1);
      assertThat(scrape.value("aiox_latency_seconds_count", "operation=\"recall\"")).isEqualTo(1);
      assertThat(scrape.value("aiox_worker_request_duration_seconds_count", "status=\"timeout\"")).isEqualTo(1);
      assertThat(scrape.value("aiox_tools_executed_total", "tool_name=\"http_request\"", "outcome=\"denied\""))
          .isEqualTo(1);
      assertThat(scrape.value("aiox_policy_violations_total", "violation_type=\"access_denied\"")).isEqualTo(1);
      assertThat(scrape.value("aiox_quota_refusals_total", "scope=\"owner\"", "limit=\"max_tokens_per_day\""))
          .isEqualTo(1);
      assertThat(scrape.value("aiox_model_loaded", "model=\"demo\"")).isEqualTo(1);
      assertThat(scrape.value("aiox_model_loaded", "model=\"remote\"", "provider=\"openai\"")).isZero();
      assertThat(scrape.value("process_cpu_seconds_total")).isPositive();
      assertThat(scrape.promtoolProblems()).as("promtool check metrics").isEmpty();
    } finally {
      vertx.close().await();
      observability.close();
    }
  }

  private static void record(Metrics metrics) {
    metrics.turnEnded(TurnOutcome.ANSWERED, Duration.ofMillis(420));
    metrics.turnEnded(TurnOutcome.REFUSED, Duration.ofMillis(1));
    metrics.tokensUsed(12, 34);
    metrics.inference("demo", "local", "ok", Duration.ofMillis(300));
    metrics.stage("recall", Duration.ofMillis(3));
    metrics.workerRequest("turn", "timeout", Duration.ofSeconds(120));
    metrics.toolCall("http_request", "denied");
    metrics.policyViolation(Violation.ACCESS_DENIED);
    metrics.quotaRefused("owner", "max_tokens_per_day");
  }
}

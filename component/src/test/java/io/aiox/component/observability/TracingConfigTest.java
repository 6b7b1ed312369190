package io.aiox.component.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TracingConfigTest {
  @Test
  void without_a_section_tracing_is_off_and_would_send_everything_to_a_local_collector() {
    TracingConfig config = TracingConfig.fromJson(new JsonObject());
    assertThat(config).isEqualTo(TracingConfig.DEFAULTS);
    assertThat(config.enabled()).isFalse();
    assertThat(config.otlpEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4318/v1/traces"));
    assertThat(config.sampleRatio()).isEqualTo(1.0);
    assertThat(config.serviceName()).isEqualTo("aiox-hub");
    assertThat(config.exportDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void every_key_is_read() {
    TracingConfig config = ObservabilityConfig.fromJson(new JsonObject().put("tracing", new JsonObject()
        .put("enabled", true).put("otlp_endpoint", "https://collector.example:4318/v1/traces")
        .put("sample_ratio", 0.25).put("service_name", "hub-eu-1").put("export_delay_ms", 200))).tracing();
    assertThat(config).isEqualTo(new TracingConfig(true, URI.create("https://collector.example:4318/v1/traces"),
        0.25, "hub-eu-1", Duration.ofMillis(200)));
  }

  @Test
  void unknown_keys_and_bad_values_are_refused_by_name() {
    assertThatThrownBy(() -> tracing(new JsonObject().put("endpoint", "http://127.0.0.1:4318")))
        .hasMessageStartingWith("unknown configuration key observability.tracing.endpoint (known: ");
    assertThatThrownBy(() -> tracing(new JsonObject().put("otlp_endpoint", "grpc://127.0.0.1:4317")))
        .hasMessageStartingWith("observability.tracing.otlp_endpoint must be an http:// or https:// URL");
    assertThatThrownBy(() -> tracing(new JsonObject().put("otlp_endpoint", "not a url")))
        .hasMessageStartingWith("observability.tracing.otlp_endpoint is not a URL");
    assertThatThrownBy(() -> tracing(new JsonObject().put("sample_ratio", 1.5)))
        .hasMessage("observability.tracing.sample_ratio must be 0..1, was 1.5");
    assertThatThrownBy(() -> tracing(new JsonObject().put("service_name", " ")))
        .hasMessage("observability.tracing.service_name must not be blank");
    assertThatThrownBy(() -> tracing(new JsonObject().put("export_delay_ms", 0)))
        .hasMessage("observability.tracing.export_delay_ms must be 1..60000, was 0");
  }

  private static TracingConfig tracing(JsonObject section) {
    return ObservabilityConfig.fromJson(new JsonObject().put("tracing", section)).tracing();
  }
}

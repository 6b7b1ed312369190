package io.aiox.component.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ObservabilityConfigTest {
  @Test
  void without_a_section_the_listener_is_on_loopback_at_the_default_port() {
    assertThat(ObservabilityConfig.fromJson(new JsonObject())).isEqualTo(ObservabilityConfig.DEFAULTS)
        .isEqualTo(new ObservabilityConfig(true, "127.0.0.1", 9464, TracingConfig.DEFAULTS));
    assertThat(ObservabilityConfig.DEFAULTS.tracing().enabled()).as("tracing is off until a collector is named")
        .isFalse();
  }

  @Test
  void unknown_keys_and_bad_ports_are_refused_by_name() {
    assertThatThrownBy(() -> ObservabilityConfig.fromJson(new JsonObject().put("prot", 1)))
        .hasMessageStartingWith("unknown configuration key observability.prot (known: ");
    assertThatThrownBy(() -> ObservabilityConfig.fromJson(new JsonObject().put("port", 70000)))
        .hasMessage("observability.port must be 0..65535, was 70000");
    assertThatThrownBy(() -> ObservabilityConfig.fromJson(new JsonObject().put("bind", " ")))
        .hasMessageContaining("observability.bind");
  }
}

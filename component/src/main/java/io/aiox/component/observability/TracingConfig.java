package io.aiox.component.observability;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code observability.tracing} section: whether the hub exports a trace of each turn, to which OTLP/HTTP
 * endpoint (a collector, or Jaeger or Tempo directly), the share of turns kept, the service name the traces carry,
 * and how long a finished span may wait to be sent with others. Off by default: a hub with no collector should not
 * try to reach one.
 */
public record TracingConfig(boolean enabled, URI otlpEndpoint, double sampleRatio, String serviceName,
                            Duration exportDelay) {
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4318/v1/traces";
  public static final double DEFAULT_SAMPLE_RATIO = 1.0;
  public static final String DEFAULT_SERVICE_NAME = "aiox-hub";
  /** OpenTelemetry's own default for its batch span processor. */
  public static final long DEFAULT_EXPORT_DELAY_MS = 5_000;
  public static final TracingConfig DEFAULTS = new TracingConfig(false, URI.create(DEFAULT_ENDPOINT),
      DEFAULT_SAMPLE_RATIO, DEFAULT_SERVICE_NAME, Duration.ofMillis(DEFAULT_EXPORT_DELAY_MS));
  private static final Set<String> KEYS = Set.of("enabled", "otlp_endpoint", "sample_ratio", "service_name",
      "export_delay_ms");

  public TracingConfig {
    String scheme = otlpEndpoint == null ? null : otlpEndpoint.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || otlpEndpoint.getHost() == null) {
      throw new IllegalArgumentException("observability.tracing.otlp_endpoint must be an http:// or https:// URL,"
          + " was " + otlpEndpoint);
    }
    if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
      throw new IllegalArgumentException("observability.tracing.sample_ratio must be 0..1, was " + sampleRatio);
    }
    if (serviceName == null || serviceName.isBlank()) {
      throw new IllegalArgumentException("observability.tracing.service_name must not be blank");
    }
    if (exportDelay.toMillis() < 1 || exportDelay.toMillis() > 60_000) {
      throw new IllegalArgumentException("observability.tracing.export_delay_ms must be 1..60000, was "
          + exportDelay.toMillis());
    }
  }

  public static TracingConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("observability.tracing", json, KEYS);
    return new TracingConfig(s.bool("enabled", false), endpoint(s.string("otlp_endpoint", DEFAULT_ENDPOINT)),
        s.number("sample_ratio", DEFAULT_SAMPLE_RATIO), s.string("service_name", DEFAULT_SERVICE_NAME),
        s.millis("export_delay_ms", Duration.ofMillis(DEFAULT_EXPORT_DELAY_MS)));
  }

  private static URI endpoint(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("observability.tracing.otlp_endpoint is not a URL: " + text, e);
    }
  }
}

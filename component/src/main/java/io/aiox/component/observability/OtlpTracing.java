package io.aiox.component.observability;

import io.aiox.worker.telemetry.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The hub's OpenTelemetry SDK: spans batched and sent as OTLP/HTTP (protobuf) over the JDK's HTTP client. Turns are
 * sampled by trace id at the configured ratio, and every span below the root follows the root's decision, so a
 * turn is kept or dropped whole. The SDK is not registered globally: only the hub's own code makes spans. Closing it
 * sends what is still batched.
 */
final class OtlpTracing implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OtlpTracing.class.getName());
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final long CLOSE_SECONDS = 10;

  private final OpenTelemetrySdk sdk;
  private final Tracing tracing;

  private OtlpTracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.tracing = Tracing.of(sdk);
  }

  static OtlpTracing start(TracingConfig config) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(config.otlpEndpoint().toString())
        .build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, config.serviceName()))))
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(config.exportDelay()).build())
        .build();
    LOG.info(() -> "tracing: exporting " + config.sampleRatio() * 100 + " % of turns to " + config.otlpEndpoint());
    return new OtlpTracing(OpenTelemetrySdk.builder().setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());
  }

  Tracing tracing() {
    return tracing;
  }

  @Override
  public void close() {
    if (!sdk.getSdkTracerProvider().shutdown().join(CLOSE_SECONDS, TimeUnit.SECONDS).isSuccess()) {
      LOG.warning(() -> "tracing: the last spans were not all sent within " + CLOSE_SECONDS + " s");
    }
  }
}

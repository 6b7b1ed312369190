package io.aiox.worker.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracing facade on a real SDK whose spans are kept in memory. */
class TracingTest {
  private final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(new Kept())).build();
  private final Tracing tracing = Tracing.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build());

  @AfterEach
  void shutdown() {
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }

  @Test
  void a_span_carried_in_event_bus_headers_is_continued_as_its_child_in_the_same_trace() {
    Span request = tracing.root("worker.request");
    DeliveryOptions options = tracing.propagate(request, new DeliveryOptions());
    MultiMap headers = options.getHeaders();
    assertThat(headers.get("traceparent")).startsWith("00-" + request.getSpanContext().getTraceId() + "-"
        + request.getSpanContext().getSpanId() + "-");

    Span continued = tracing.continued("inference.turn", headers);
    assertThat(continued.getSpanContext().getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    continued.end();
    request.end();
    assertThat(ended.get(0).getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
  }

  @Test
  void headers_without_a_trace_context_start_a_new_trace() {
    tracing.continued("inference.turn", MultiMap.caseInsensitiveMultiMap()).end();
    assertThat(ended.get(0).getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void traced_work_that_fails_ends_its_span_as_an_error_with_a_short_reason() {
    Span turn = tracing.root("turn");
    Future<Void> failed = tracing.traced("model.generate", turn,
        () -> Future.failedFuture(new IllegalStateException("x".repeat(500))));
    assertThat(failed.failed()).isTrue();
    SpanData generate = ended.get(0);
    assertThat(generate.getName()).isEqualTo("model.generate");
    assertThat(generate.getParentSpanId()).isEqualTo(turn.getSpanContext().getSpanId());
    assertThat(generate.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(generate.getStatus().getDescription()).startsWith("IllegalStateException: xxx").hasSize(160);
  }

  @Test
  void traced_work_that_throws_is_a_failed_future_and_an_ended_span() {
    Future<Void> thrown = tracing.traced("memory.recall", tracing.root("turn"), () -> {
      throw new IllegalArgumentException("bad");
    });
    assertThat(thrown.cause()).hasMessage("bad");
    assertThat(ended.get(0).getStatus().getDescription()).isEqualTo("IllegalArgumentException: bad");
  }

  @Test
  void without_a_hub_nothing_is_recorded_and_no_header_is_sent() {
    Span span = Tracing.NONE.root("turn");
    assertThat(span.isRecording()).isFalse();
    assertThat(Tracing.NONE.propagate(span, new DeliveryOptions()).getHeaders()).isNull();
  }

  /** Keeps every ended span. */
  private final class Kept implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      ended.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}

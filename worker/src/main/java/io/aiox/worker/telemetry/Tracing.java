package io.aiox.worker.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.function.Supplier;

/**
 * The spans of a turn, on the OpenTelemetry API; the hub hands in its SDK, which exports them over OTLP, and code
 * run without a hub uses {@link #NONE}, whose spans record nothing. Vert.x callbacks do not carry OpenTelemetry's
 * thread-local context, so a span's parent is always passed by hand, and across the event bus as a W3C
 * {@code traceparent} header. Attributes name the agent, the model and the outcome: never a user, a JID or a
 * message body.
 */
public final class Tracing {
  /** Spans that record nothing: for code run without a hub (tests, the bench, operator commands). */
  public static final Tracing NONE = new Tracing(OpenTelemetry.noop());

  public static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("aiox.agent.id");
  /** A {@link TurnOutcome} label. */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("aiox.turn.outcome");
  /** The model's configured name (OpenTelemetry's GenAI conventions). */
  public static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

  /** Long enough for a failure's kind and reason, short enough that no prompt or answer rides along. */
  private static final int DESCRIPTION_LIMIT = 160;
  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(MultiMap carrier) {
      return carrier.names();
    }

    @Override
    public String get(MultiMap carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final Tracer tracer;

  private Tracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.aiox");
  }

  public static Tracing of(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry);
  }

  /** A span that starts a trace: a request that arrived from outside the hub. */
  public Span root(String name) {
    return tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.SERVER).startSpan();
  }

  public Span child(String name, Span parent) {
    return child(name, parent, SpanKind.INTERNAL);
  }

  public Span child(String name, Span parent, SpanKind kind) {
    return tracer.spanBuilder(name).setParent(Context.root().with(parent)).setSpanKind(kind).startSpan();
  }

  /** A span under the one whose context an event bus message's headers carry; a root when they carry none. */
  public Span continued(String name, MultiMap headers) {
    Context parent = W3C.extract(Context.root(), headers, HEADERS);
    return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
  }

  /** Adds {@code span}'s context to {@code options} as headers, so that the receiver's spans join its trace. */
  public DeliveryOptions propagate(Span span, DeliveryOptions options) {
    W3C.inject(Context.root().with(span), options, (o, key, value) -> o.addHeader(key, value));
    return options;
  }

  /** Runs {@code work} under a new child span of {@code parent}, which ends when the work's future does. */
  public <T> Future<T> traced(String name, Span parent, Supplier<Future<T>> work) {
    Span span = child(name, parent);
    Future<T> done;
    try {
      done = work.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    // a span that records nothing (tracing off, or a trace not sampled) needs no callback to end it
    return span.isRecording() ? done.andThen(result -> end(span, result)) : done;
  }

  /** Ends {@code span}; a failed result sets its status to error with a short description. */
  public static void end(Span span, AsyncResult<?> result) {
    if (result.failed()) {
      failed(span, result.cause());
    }
    span.end();
  }

  /** Marks {@code span} as failed with the failure's kind and the start of its message. */
  public static void failed(Span span, Throwable failure) {
    failed(span, failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
        + failure.getMessage()));
  }

  public static void failed(Span span, String description) {
    span.setStatus(StatusCode.ERROR, description.length() <= DESCRIPTION_LIMIT ? description
        : description.substring(0, DESCRIPTION_LIMIT - 1) + "…");
  }
}

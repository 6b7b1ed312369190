package io.aiox.worker.inference;

import io.aiox.worker.model.ModelSpec;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reports what the verticle measures to the hub's {@link Metrics}: each model asked, and a turn's stages; and each
 * model asked as a {@code model.generate} span.
 */
final class EngineTiming {
  /** The stages of {@code executions.stages} (microseconds) that are reported, under the same names. */
  private static final String[] STAGES = {"admission", "recall", "inference", "first_token"};

  private EngineTiming() {}

  /** Runs {@code call} and reports its duration and outcome for the model. */
  static Future<Completion> timed(Metrics metrics, String model, ModelSpec.Provider provider,
                                  Supplier<Future<Completion>> call) {
    long started = System.nanoTime();
    return call.get().andThen(done -> metrics.inference(model, provider.name().toLowerCase(Locale.ROOT),
        outcome(done), Duration.ofNanos(System.nanoTime() - started)));
  }

  /** The {@code outcome} label: ok, cancelled, or the failure kind. */
  static String outcome(AsyncResult<Completion> done) {
    if (done.succeeded()) {
      return done.result().cancelled() ? "cancelled" : "ok";
    }
    return done.cause() instanceof EngineFailure f ? f.kind().name().toLowerCase(Locale.ROOT) : "failed";
  }

  /** {@link #timed} under a {@code model.generate} span of {@code turn}, with the model and its token counts. */
  static Future<Completion> traced(Metrics metrics, Tracing tracing, Span turn, String model,
                                   ModelSpec.Provider provider, Supplier<Future<Completion>> call) {
    Span span = tracing.child("model.generate", turn).setAttribute(Tracing.MODEL, model)
        .setAttribute(Tracing.PROVIDER, provider.name().toLowerCase(Locale.ROOT));
    return timed(metrics, model, provider, call).andThen(done -> {
      if (done.succeeded()) {
        span.setAttribute(Tracing.INPUT_TOKENS, (long) done.result().promptTokens())
            .setAttribute(Tracing.OUTPUT_TOKENS, (long) done.result().completionTokens());
      }
      Tracing.end(span, done);
    });
  }

  static void stages(Metrics metrics, JsonObject stages) {
    for (String stage : STAGES) {
      Long micros = stages.getLong(stage);
      if (micros != null && micros >= 0) {
        metrics.stage(stage, Duration.ofNanos(micros * 1_000));
      }
    }
  }
}

package io.aiox.bench.inference;

import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.Engine;
import io.aiox.worker.inference.Sampling;
import io.vertx.core.Future;
import java.util.List;

/**
 * {@code Engine.complete} with the prompt the verticle would build for the benchmark's agent (its system line, no
 * history) and the same sampling, timed at each streamed piece as the engine hands it over.
 */
record DirectTarget(Engine engine, String system, Sampling sampling) implements Target {
  @Override
  public String name() {
    return "direct";
  }

  @Override
  public Future<Sample> ask(String text) {
    Timing timing = new Timing();
    return engine.complete(new ChatRequest(system, List.of(), text, sampling), piece -> timing.piece(),
        new Cancellation()).map(c -> timing.done(c.completionTokens(), c.promptTokens()));
  }
}

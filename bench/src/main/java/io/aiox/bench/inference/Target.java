package io.aiox.bench.inference;

import io.vertx.core.Future;

/** Where a benchmark request goes: straight to the engine, or as a turn through the inference verticle. */
interface Target {
  /** The row label in the report. */
  String name();

  /** Sends one user message; called on the benchmark's event-loop context. */
  Future<Sample> ask(String text);
}

package io.aiox.worker.inference;

import io.vertx.core.Future;
import java.util.function.Consumer;

/** One configured model, able to answer chat turns. Implementations never block the calling event loop. */
public interface Engine extends AutoCloseable {
  /** The model's name in the hub's registry. */
  String model();

  /** Where it runs, as recorded with each turn: {@code local}, {@code openai <url>}, {@code anthropic}. */
  String provider();

  /**
   * Answers the request, streaming text to {@code onText} as it is generated (from a worker thread). Fails with
   * {@link EngineFailure}.
   */
  Future<Completion> complete(ChatRequest request, Consumer<String> onText, Cancellation cancel);

  @Override
  void close();
}

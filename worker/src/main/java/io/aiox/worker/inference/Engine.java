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
   * The request as this model will take it, and its prompt tokens, before any slot is taken: the quota holds those
   * tokens before the model runs. By default the whole request with its {@link ChatRequest#tokenBound() bound}; an
   * engine that has the model's tokenizer counts exactly and fits the request to its window.
   */
  default Future<SizedPrompt> size(ChatRequest request) {
    return Future.succeededFuture(new SizedPrompt(request, request.tokenBound(), 0, false));
  }

  /**
   * Answers the request, streaming text to {@code onText} as it is generated (from a worker thread). Fails with
   * {@link EngineFailure}.
   */
  Future<Completion> complete(ChatRequest request, Consumer<String> onText, Cancellation cancel);

  @Override
  void close();
}

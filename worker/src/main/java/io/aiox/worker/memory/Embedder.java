package io.aiox.worker.memory;

import io.vertx.core.Future;
import java.util.List;

/** Turns texts into unit vectors for similarity search. Implementations never block the calling event loop. */
public interface Embedder extends AutoCloseable {
  /** Dimensions of every vector; the schema's {@code vector(384)} column fixes it. */
  int DIMENSIONS = 384;

  /** The model's name, as recorded with stored memories. */
  String model();

  /** One vector per text, in order. Fails with {@link MemoryFailure} of kind UNAVAILABLE when the model cannot run. */
  Future<List<float[]>> embedAll(List<String> texts);

  default Future<float[]> embed(String text) {
    return embedAll(List.of(text)).map(vectors -> vectors.get(0));
  }

  @Override
  void close();
}

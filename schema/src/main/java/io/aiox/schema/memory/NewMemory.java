package io.aiox.schema.memory;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A memory to store: its kind, where it came from (shown with it when it is recalled), its text, the text's
 * embedding (384 numbers, all-MiniLM-L6-v2) and free-form metadata.
 */
public record NewMemory(MemoryKind kind, String source, String content, float[] embedding, JsonObject metadata) {
  public static final int DIMENSIONS = 384;

  public NewMemory {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(embedding, "embedding");
    if (embedding.length != DIMENSIONS) {
      throw new IllegalArgumentException("an embedding has " + DIMENSIONS + " dimensions, this one "
          + embedding.length);
    }
    metadata = metadata == null ? new JsonObject() : metadata.copy();
  }
}

package io.aiox.schema.memory;

import java.util.Objects;

/**
 * What to recall: the query's embedding, how many memories at most, the least similarity worth returning, and the
 * peer (bare JID) of the conversation asking. Conversation memories (turns, summaries) are recalled only for the
 * peer they were made with; facts and documents for any peer. A null peer recalls facts and documents only.
 */
public record RecallQuery(float[] embedding, int k, double minScore, String peer) {
  public static final int MAX_K = 100;

  public RecallQuery {
    Objects.requireNonNull(embedding, "embedding");
    if (embedding.length != NewMemory.DIMENSIONS) {
      throw new IllegalArgumentException("a query embedding has " + NewMemory.DIMENSIONS + " dimensions, this one "
          + embedding.length);
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be 1.." + MAX_K + ", was " + k);
    }
    if (minScore < -1 || minScore > 1) {
      throw new IllegalArgumentException("minScore must be -1..1, was " + minScore);
    }
  }
}

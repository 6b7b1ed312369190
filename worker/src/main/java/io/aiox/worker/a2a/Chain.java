package io.aiox.worker.a2a;

import io.vertx.core.json.JsonObject;

/**
 * Where a turn sits in a chain of agents: {@code hops} questions between agents so far (0 for a person's message)
 * and the bare JID of the person whose message started it.
 */
public record Chain(int hops, String origin) {
  /** The most questions between agents one person's message may cause. */
  public static final int MAX_HOPS = 3;

  public Chain {
    if (hops < 0) {
      throw new IllegalArgumentException("hops must be at least 0, was " + hops);
    }
  }

  /** A person's message: the start of a chain. */
  public static Chain start(String origin) {
    return new Chain(0, origin);
  }

  /** Read from a turn request; a request without chain fields is a person's message. */
  public static Chain of(JsonObject turn, String peer) {
    return new Chain(turn.getInteger("hops", 0), turn.getString("origin", peer));
  }

  public JsonObject writeTo(JsonObject turn) {
    return turn.put("hops", hops).put("origin", origin);
  }

  /** The chain one hop further. */
  public Chain next() {
    return new Chain(hops + 1, origin);
  }

  public boolean atLimit() {
    return hops >= MAX_HOPS;
  }
}

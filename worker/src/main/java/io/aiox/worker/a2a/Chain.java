package io.aiox.worker.a2a;

import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Where a turn sits in a chain of agents: {@code hops} questions between agents so far (0 for a person's message),
 * the bare JID of the person whose message started it, and the owner who pays for every hop (the owner of the
 * agent that person wrote to; empty until the first agent asks, and never taken from another hub).
 */
public record Chain(int hops, String origin, Optional<OwnerId> payer) {
  /** The most questions between agents one person's message may cause. */
  public static final int MAX_HOPS = 3;

  public Chain {
    if (hops < 0) {
      throw new IllegalArgumentException("hops must be at least 0, was " + hops);
    }
    payer = payer == null ? Optional.empty() : payer;
  }

  public Chain(int hops, String origin) {
    this(hops, origin, Optional.empty());
  }

  /** A person's message: the start of a chain. */
  public static Chain start(String origin) {
    return new Chain(0, origin);
  }

  /** Read from a turn request; a request without chain fields is a person's message. */
  public static Chain of(JsonObject turn, String peer) {
    return new Chain(turn.getInteger("hops", 0), turn.getString("origin", peer),
        Optional.ofNullable(turn.getString("payer")).map(OwnerId::parse));
  }

  public JsonObject writeTo(JsonObject turn) {
    payer.ifPresent(p -> turn.put("payer", p.toString()));
    return turn.put("hops", hops).put("origin", origin);
  }

  /** The chain one hop further, paid by its payer or else by {@code owner}, whose agent asks now. */
  public Chain next(OwnerId owner) {
    return new Chain(hops + 1, origin, Optional.of(payer.orElse(owner)));
  }

  public boolean atLimit() {
    return hops >= MAX_HOPS;
  }
}

package io.aiox.worker.memory;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.memory.RecallQuery;
import io.aiox.worker.memory.MemoryPrompt.Rendered;
import io.vertx.core.Future;

/**
 * The recall step of a turn: when the agent has {@code long_term_enabled}, the user's message is embedded, the
 * agent's closest memories are read (owner and agent named; conversation memories only for this peer) and written
 * into the system prompt within the agent's token budget.
 */
public final class Recall {
  private final Embedder embedder;
  private final MemoryRepository memories;

  public Recall(Embedder embedder, MemoryRepository memories) {
    this.embedder = embedder;
    this.memories = memories;
  }

  /** The memory section for this turn's system prompt; empty when long-term memory is off or nothing matched. */
  public Future<Rendered> forTurn(Agent agent, String peerBareJid, String message) {
    MemorySettings settings;
    try {
      settings = MemorySettings.of(agent.memoryConfig());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new MemoryFailure(MemoryFailure.Kind.INVALID, e.getMessage()));
    }
    if (!settings.longTerm() || settings.tokenBudget() == 0 || message.isBlank()) {
      return Future.succeededFuture(Rendered.NONE);
    }
    return embedder.embed(message)
        .compose(query -> memories.recall(agent.owner(), agent.id(),
            new RecallQuery(query, settings.recallK(), settings.minScore(), peerBareJid)))
        .map(found -> MemoryPrompt.render(found, settings.tokenBudget()));
  }
}

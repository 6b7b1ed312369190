package io.aiox.worker.memory;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.memory.MemoryKind;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.memory.NewMemory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a completed exchange leaves in long-term memory, per the agent's {@code remember} setting: {@code full}
 * keeps the message and the answer, {@code summaries} an extract of both (their first sentences; no model runs
 * for it), {@code off} nothing. The peer is recorded, and only that peer's later conversations recall it.
 */
public final class Remembering {
  static final int MAX_FULL_CHARS = 4_000;
  static final int MAX_SUMMARY_PART = 200;

  private final Embedder embedder;
  private final MemoryRepository memories;

  public Remembering(Embedder embedder, MemoryRepository memories) {
    this.embedder = embedder;
    this.memories = memories;
  }

  /** Stores the exchange as the agent is configured to; completes with the number of memories written (0 or 1). */
  public Future<Integer> afterTurn(Agent agent, String peerBareJid, String message, String answer) {
    MemorySettings settings;
    try {
      settings = MemorySettings.of(agent.memoryConfig());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new MemoryFailure(MemoryFailure.Kind.INVALID, e.getMessage()));
    }
    if (!settings.remembersTurns() || message.isBlank()) {
      return Future.succeededFuture(0);
    }
    boolean full = settings.remember() == MemorySettings.Remember.FULL;
    String content = full ? exchange(message, answer) : summary(message, answer);
    JsonObject metadata = new JsonObject().put("peer", peerBareJid).put("model", embedder.model());
    return embedder.embed(content)
        .compose(vector -> memories.add(agent.owner(), agent.id(), List.of(new NewMemory(
            full ? MemoryKind.TURN : MemoryKind.SUMMARY, "conversation with " + peerBareJid, content, vector,
            metadata))))
        .map(List::size);
  }

  static String exchange(String message, String answer) {
    String text = "User: " + message.strip() + "\nAgent: " + answer.strip();
    return text.length() <= MAX_FULL_CHARS ? text : text.substring(0, MAX_FULL_CHARS - 1) + "…";
  }

  static String summary(String message, String answer) {
    String a = firstSentence(answer);
    return "User said: " + firstSentence(message) + (a.isEmpty() ? "" : " Agent answered: " + a);
  }

  static String firstSentence(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    int end = -1;
    for (int i = 0; i < t.length() && end < 0; i++) {
      char c = t.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
        end = i + 1;
      }
    }
    String s = end < 0 ? t : t.substring(0, end);
    return s.length() <= MAX_SUMMARY_PART ? s : s.substring(0, MAX_SUMMARY_PART - 1) + "…";
  }
}

package io.aiox.worker.memory;

import io.aiox.schema.Database;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.memory.MemoryRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.logging.Logger;

/**
 * Long-term memory as the inference verticle uses it: {@link #recall} before the model runs, {@link #remember}
 * after a completed turn, and the memory service deployed beside it, all on one embedding model. Memory never
 * fails a turn: a recall that cannot run leaves the prompt without memories, a write that fails is logged.
 */
public final class TurnMemory implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TurnMemory.class.getName());

  private final Vertx vertx;
  private final Database database;
  private final MemoryOptions options;
  private final Embedder embedder;
  private final Recall recall;
  private final Remembering remembering;
  private TrustedUploads uploads = TrustedUploads.NONE;

  private TurnMemory(Vertx vertx, Database database, MemoryOptions options, Embedder embedder) {
    this.vertx = vertx;
    this.database = database;
    this.options = options;
    this.embedder = embedder;
    MemoryRepository memories = new MemoryRepository(database.ownerScope(), options.exactLimit(), options.efSearch());
    this.recall = new Recall(embedder, memories);
    this.remembering = new Remembering(embedder, memories);
  }

  public static TurnMemory create(Vertx vertx, Database database, MemoryOptions options) {
    return new TurnMemory(vertx, database, options,
        OnnxEmbedder.quantized(vertx, options.embedThreads(), options.maxBatch()));
  }

  /** The hub's own upload services, for the memory service; before {@link #deploy}. */
  public TurnMemory withUploads(TrustedUploads uploads) {
    this.uploads = uploads;
    return this;
  }

  /** Deploys the memory service (event bus and retention sweep) as a child of the calling verticle. */
  public Future<String> deploy() {
    return vertx.deployVerticle(new MemoryVerticle(database, embedder, options, null).withUploads(uploads));
  }

  /** The text to append to the system prompt for this turn ({@code "\n\n"} and the memory section), or "". */
  public Future<String> recall(Agent agent, String peerBareJid, String message) {
    return recall.forTurn(agent, peerBareJid, message)
        .map(r -> r.section().isEmpty() ? "" : "\n\n" + r.section())
        .recover(e -> {
          LOG.warning(() -> "recall for agent " + agent.id() + " skipped: " + e.getMessage());
          return Future.succeededFuture("");
        });
  }

  /** Stores the exchange as the agent is configured to, in the background. */
  public Future<Integer> remember(Agent agent, String peerBareJid, String message, String answer) {
    return remembering.afterTurn(agent, peerBareJid, message, answer)
        .onFailure(e -> LOG.warning(() -> "exchange with agent " + agent.id() + " not remembered: " + e.getMessage()));
  }

  @Override
  public void close() {
    embedder.close();
  }
}

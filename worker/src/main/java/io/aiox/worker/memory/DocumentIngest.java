package io.aiox.worker.memory;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.memory.MemoryKind;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.memory.NewMemory;
import io.aiox.worker.memory.MemoryFailure.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A document into memory: its text is extracted on a worker thread, cut into chunks, embedded a batch at a time
 * (so turns waiting for the model are not held behind a whole document) and stored as {@code document} memories
 * whose source is the document's name. Adding a document again replaces its chunks.
 */
public final class DocumentIngest {
  public static final int MAX_BYTES = 16 << 20;
  public static final int MAX_CHUNKS = 2_000;
  static final int EMBED_BATCH = 32;

  private final Vertx vertx;
  private final Embedder embedder;
  private final MemoryRepository memories;
  private final Chunker chunker;

  public DocumentIngest(Vertx vertx, Embedder embedder, MemoryRepository memories, Chunker chunker) {
    this.vertx = vertx;
    this.embedder = embedder;
    this.memories = memories;
    this.chunker = chunker;
  }

  /** What a document became: its source name and the number of chunks stored. */
  public record Added(String source, int chunks) {}

  public Future<Added> ingest(OwnerId owner, AgentId agent, String name, String mediaType, byte[] bytes) {
    if (name == null || name.isBlank() || name.length() > 2_048) {
      return Future.failedFuture(new MemoryFailure(Kind.INVALID, "a document needs a name of 1..2048 characters"));
    }
    if (bytes.length > MAX_BYTES) {
      return Future.failedFuture(new MemoryFailure(Kind.DENIED, name + " is larger than " + MAX_BYTES + " bytes"));
    }
    return vertx.executeBlocking(() -> chunker.chunks(DocumentText.extract(name, mediaType, bytes)), false)
        .compose(chunks -> {
          if (chunks.isEmpty()) {
            return Future.failedFuture(new MemoryFailure(Kind.INVALID, name + " holds no text"));
          }
          if (chunks.size() > MAX_CHUNKS) {
            return Future.failedFuture(new MemoryFailure(Kind.DENIED, name + " makes " + chunks.size()
                + " chunks; at most " + MAX_CHUNKS + " are kept per document"));
          }
          return embedInBatches(chunks, 0, new ArrayList<>()).compose(vectors -> store(owner, agent, name,
              mediaType, chunks, vectors));
        });
  }

  private Future<List<float[]>> embedInBatches(List<String> chunks, int from, List<float[]> done) {
    if (from >= chunks.size()) {
      return Future.succeededFuture(done);
    }
    int to = Math.min(chunks.size(), from + EMBED_BATCH);
    return embedder.embedAll(chunks.subList(from, to)).compose(v -> {
      done.addAll(v);
      return embedInBatches(chunks, to, done);
    });
  }

  private Future<Added> store(OwnerId owner, AgentId agent, String name, String mediaType, List<String> chunks,
                              List<float[]> vectors) {
    List<NewMemory> rows = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      JsonObject metadata = new JsonObject().put("document", name).put("chunk", i + 1).put("chunks", chunks.size())
          .put("media_type", mediaType == null ? "" : mediaType).put("model", embedder.model());
      rows.add(new NewMemory(MemoryKind.DOCUMENT, name, chunks.get(i), vectors.get(i), metadata));
    }
    return memories.replaceSource(owner, agent, name, rows).compose(ids -> ids.isEmpty()
        ? Future.failedFuture(new MemoryFailure(Kind.NOT_FOUND, "the agent no longer exists"))
        : Future.succeededFuture(new Added(name, ids.size())));
  }
}

package io.aiox.worker.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.aiox.worker.memory.MemoryFailure.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * An ONNX sentence-embedding model run in this JVM (LangChain4j's in-process models). Requests that arrive while
 * the model is busy are coalesced: one dispatcher thread takes every waiting request, up to {@code maxBatch} texts,
 * and embeds them in one call, which spreads the texts over {@code threads} threads. No event loop ever waits for
 * the model; each caller's future completes on the caller's own context. The model loads on first use (about a
 * second), so a hub whose agents keep no long-term memory never pays for it.
 */
public final class OnnxEmbedder implements Embedder {
  public static final String QUANTIZED = "all-minilm-l6-v2-q";
  private static final Logger LOG = Logger.getLogger(OnnxEmbedder.class.getName());

  private final String name;
  private final Function<java.util.concurrent.Executor, EmbeddingModel> factory;
  private final int maxBatch;
  private final ExecutorService dispatcher;
  private final ExecutorService workers;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Vertx vertx;
  private EmbeddingModel model;
  private boolean draining;
  private boolean closed;

  public OnnxEmbedder(Vertx vertx, String name, Function<java.util.concurrent.Executor, EmbeddingModel> factory,
                      int threads, int maxBatch) {
    if (threads < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("threads and maxBatch must be at least 1");
    }
    this.vertx = vertx;
    this.name = name;
    this.factory = factory;
    this.maxBatch = maxBatch;
    this.dispatcher = Executors.newSingleThreadExecutor(daemons("aiox-embed-dispatch"));
    this.workers = Executors.newFixedThreadPool(threads, daemons("aiox-embed"));
  }

  /** all-MiniLM-L6-v2, quantized: 384 dimensions, the model in the jar. */
  public static OnnxEmbedder quantized(Vertx vertx, int threads, int maxBatch) {
    return new OnnxEmbedder(vertx, QUANTIZED, AllMiniLmL6V2QuantizedEmbeddingModel::new, threads, maxBatch);
  }

  @Override
  public String model() {
    return name;
  }

  @Override
  public Future<List<float[]>> embedAll(List<String> texts) {
    if (texts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Context context = vertx.getOrCreateContext();
    Promise<List<float[]>> promise = Promise.promise();
    synchronized (queue) {
      if (closed) {
        return Future.failedFuture(new MemoryFailure(Kind.UNAVAILABLE, "the embedding model is shut down"));
      }
      queue.add(new Pending(List.copyOf(texts), context, promise));
      if (!draining) {
        draining = true;
        dispatcher.execute(this::drain);
      }
    }
    return promise.future();
  }

  /** Runs on the dispatcher thread until the queue is empty. */
  private void drain() {
    while (true) {
      List<Pending> batch = take();
      if (batch.isEmpty()) {
        return;
      }
      run(batch);
    }
  }

  private List<Pending> take() {
    List<Pending> batch = new ArrayList<>();
    synchronized (queue) {
      int texts = 0;
      while (!queue.isEmpty() && (batch.isEmpty() || texts + queue.peek().texts.size() <= maxBatch)) {
        Pending p = queue.poll();
        texts += p.texts.size();
        batch.add(p);
      }
      if (batch.isEmpty()) {
        draining = false;
      }
    }
    return batch;
  }

  private void run(List<Pending> batch) {
    List<TextSegment> segments = new ArrayList<>();
    batch.forEach(p -> p.texts.forEach(t -> segments.add(TextSegment.from(t.isBlank() ? " " : t))));
    try {
      List<Embedding> out = loaded().embedAll(segments).content();
      int i = 0;
      for (Pending p : batch) {
        List<float[]> vectors = new ArrayList<>(p.texts.size());
        for (int j = 0; j < p.texts.size(); j++) {
          vectors.add(out.get(i++).vector());
        }
        p.context.runOnContext(v -> p.promise.complete(vectors));
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.warning(() -> "embedding model " + name + " failed: " + e);
      MemoryFailure failure = new MemoryFailure(Kind.UNAVAILABLE, "the embedding model " + name + " failed: " + e, e);
      batch.forEach(p -> p.context.runOnContext(v -> p.promise.fail(failure)));
    }
  }

  private EmbeddingModel loaded() {
    if (model == null) {
      long t0 = System.nanoTime();
      model = factory.apply(workers);
      model.embed("warm-up");
      LOG.info(() -> "embedding model " + name + " loaded in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
    return model;
  }

  @Override
  public void close() {
    List<Pending> left;
    synchronized (queue) {
      closed = true;
      left = new ArrayList<>(queue);
      queue.clear();
    }
    MemoryFailure failure = new MemoryFailure(Kind.UNAVAILABLE, "the embedding model is shut down");
    left.forEach(p -> p.context.runOnContext(v -> p.promise.fail(failure)));
    dispatcher.shutdown();
    workers.shutdown();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Pending(List<String> texts, Context context, Promise<List<float[]>> promise) {}
}

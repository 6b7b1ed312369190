package io.aiox.bench.memory;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.memory.RecallQuery;
import io.aiox.schema.memory.RecalledMemory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * Recall queries one after another through {@link MemoryRepository#recall} (the hub role, row-level security, one
 * transaction per recall, as a turn runs it), timed end to end; each answer compared with the exact top-k computed
 * here over the same owner's vectors.
 */
final class RecallRun {
  static final int K = 10;

  /** Latencies in microseconds, recall@k over the queries checked, and how many of those found under half. */
  record Outcome(Histogram micros, double meanRecall, double minRecall, int checked, int belowHalf,
                 double meanReturned) {}

  /** The queries of a run, drawn once so that several settings answer the same ones; exact answers for some. */
  record Workload(List<Query> warmup, List<Query> measured, List<Set<Integer>> truths) {
    static Workload draw(MemoryCorpus corpus, SyntheticVectors space, int warmup, int queries, int checked,
                         long seed) {
      Random r = new Random(seed);
      List<Query> w = IntStream.range(0, warmup).mapToObj(i -> Query.random(corpus, space, r)).toList();
      List<Query> m = IntStream.range(0, queries).mapToObj(i -> Query.random(corpus, space, r)).toList();
      List<Set<Integer>> t = m.subList(0, Math.min(checked, queries)).stream().map(q -> exact(corpus, q)).toList();
      return new Workload(w, m, t);
    }
  }

  private RecallRun() {}

  /**
   * Runs the workload one recall after another on a Vert.x event loop, as a turn does (no thread hand-off in the
   * timing), and checks the answers afterwards.
   */
  static Outcome run(Vertx vertx, MemoryRepository repo, Workload work) {
    sequence(vertx, work.warmup(), q -> repo.recall(q.owner, q.agent, new RecallQuery(q.vector, K, -1, null))
        .mapEmpty()).await();
    Histogram micros = new Histogram(60_000_000L, 3);
    List<List<RecalledMemory>> answers = new ArrayList<>();
    sequence(vertx, work.measured(), q -> {
      long t0 = System.nanoTime();
      return repo.recall(q.owner, q.agent, new RecallQuery(q.vector, K, -1, null)).map(found -> {
        micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
        answers.add(found);
        return null;
      });
    }).await();
    double sum = 0;
    double min = 1;
    int belowHalf = 0;
    for (int i = 0; i < work.truths().size(); i++) {
      double recall = recall(answers.get(i), work.truths().get(i));
      sum += recall;
      min = Math.min(min, recall);
      belowHalf += recall < 0.5 ? 1 : 0;
    }
    int n = work.truths().size();
    double returned = answers.stream().mapToInt(List::size).average().orElse(0);
    return new Outcome(micros, sum / n, min, n, belowHalf, returned);
  }

  /** Runs {@code step} for each item in turn, each after the previous completed, on one event-loop context. */
  static <T> Future<Void> sequence(Vertx vertx, List<T> items, Function<T, Future<Void>> step) {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> next(items, 0, step, done));
    return done.future();
  }

  private static <T> void next(List<T> items, int i, Function<T, Future<Void>> step, Promise<Void> done) {
    if (i >= items.size()) {
      done.complete();
      return;
    }
    step.apply(items.get(i)).onSuccess(v -> next(items, i + 1, step, done)).onFailure(done::fail);
  }

  /**
   * The floor under any recall: an owner-scoped transaction running {@code SELECT 1} (BEGIN, set the owner, the
   * statement, COMMIT), on an event loop through the same pool.
   */
  static Histogram floor(Vertx vertx, OwnerScope scope, MemoryCorpus corpus, int n) {
    Histogram micros = new Histogram(60_000_000L, 3);
    OwnerId owner = new OwnerId(corpus.ownerIds[0]);
    List<Integer> rounds = IntStream.range(0, n + 1_000).boxed().toList();
    sequence(vertx, rounds, i -> {
      long t0 = System.nanoTime();
      return scope.run(owner, conn -> conn.query("SELECT 1").execute()).map(r -> {
        if (i >= 1_000) {
          micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
        }
        return null;
      });
    }).await();
    return micros;
  }

  /** Latency of a few recalls on the exact path whatever the agent's size (repo built with no size limit). */
  static Histogram exactOnly(MemoryRepository exact, MemoryCorpus corpus, SyntheticVectors space, int n, long seed) {
    Random r = new Random(seed);
    Histogram micros = new Histogram(600_000_000L, 3);
    for (int i = 0; i < n; i++) {
      Query q = Query.random(corpus, space, r);
      long t0 = System.nanoTime();
      exact.recall(q.owner, q.agent, new RecallQuery(q.vector, K, -1, null)).await();
      micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
    }
    return micros;
  }

  private static double recall(List<RecalledMemory> found, Set<Integer> truth) {
    int hit = 0;
    for (RecalledMemory m : found) {
      if (truth.contains(Integer.parseInt(m.memory().content().substring("memory ".length())))) {
        hit++;
      }
    }
    return truth.isEmpty() ? 1 : hit / (double) truth.size();
  }

  /** The exact top-k of the query's owner, by brute force over its memories, in parallel. */
  private static Set<Integer> exact(MemoryCorpus corpus, Query q) {
    int from = q.ownerIndex * corpus.perOwner;
    int to = from + corpus.perOwner;
    int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), (to - from) / 10_000));
    int step = (to - from + parts - 1) / parts;
    PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    IntStream.range(0, parts).parallel().mapToObj(p -> topK(corpus, q.vector, from + p * step,
        Math.min(to, from + (p + 1) * step))).toList().forEach(part -> part.forEach(e -> offer(best, e)));
    Set<Integer> ids = new HashSet<>();
    best.forEach(e -> ids.add((int) e[1]));
    return ids;
  }

  private static PriorityQueue<double[]> topK(MemoryCorpus corpus, float[] query, int from, int to) {
    PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    for (int i = from; i < to; i++) {
      offer(best, new double[] {SyntheticVectors.dot(query, corpus.vectors[i]), i});
    }
    return best;
  }

  private static void offer(PriorityQueue<double[]> best, double[] e) {
    if (best.size() < K) {
      best.add(e);
    } else if (e[0] > best.peek()[0]) {
      best.poll();
      best.add(e);
    }
  }

  /** A query about one of an owner's memories. */
  record Query(int ownerIndex, OwnerId owner, AgentId agent, float[] vector) {
    static Query random(MemoryCorpus corpus, SyntheticVectors space, Random r) {
      int memory = r.nextInt(corpus.size());
      int o = memory / corpus.perOwner;
      float[] latent = corpus.latents[memory];
      double[] z = new double[latent.length];
      for (int j = 0; j < z.length; j++) {
        z[j] = latent[j];
      }
      return new Query(o, new OwnerId(corpus.ownerIds[o]), new AgentId(corpus.agentIds[o]),
          space.embed(space.near(z, r), r));
    }
  }
}

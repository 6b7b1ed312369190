package io.aiox.bench.memory;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.memory.RecallQuery;
import io.aiox.schema.memory.RecalledMemory;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * Recall queries one after another through {@link MemoryRepository#recall} (the hub role, row-level security, one
 * transaction per recall, as a turn runs it), timed end to end; each answer compared with the exact top-k computed
 * here over the same owner's vectors.
 */
final class RecallRun {
  static final int K = 10;

  /** Latencies in microseconds, and recall@k per query checked. */
  record Outcome(Histogram micros, double meanRecall, double minRecall, int checked, double meanReturned) {}

  private RecallRun() {}

  static Outcome run(MemoryRepository repo, MemoryCorpus corpus, SyntheticVectors space, int warmup, int queries,
                     int checked, long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < warmup; i++) {
      Query q = Query.random(corpus, space, r);
      repo.recall(q.owner, q.agent, new RecallQuery(q.vector, K, -1, null)).await();
    }
    Histogram micros = new Histogram(60_000_000L, 3);
    double sum = 0;
    double min = 1;
    long returned = 0;
    for (int i = 0; i < queries; i++) {
      Query q = Query.random(corpus, space, r);
      long t0 = System.nanoTime();
      List<RecalledMemory> found = repo.recall(q.owner, q.agent, new RecallQuery(q.vector, K, -1, null)).await();
      micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
      returned += found.size();
      if (i < checked) {
        double recall = recall(found, exact(corpus, q));
        sum += recall;
        min = Math.min(min, recall);
      }
    }
    int n = Math.min(checked, queries);
    return new Outcome(micros, sum / n, min, n, returned / (double) queries);
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
  private record Query(int ownerIndex, OwnerId owner, AgentId agent, float[] vector) {
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

package io.aiox.bench.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.aiox.worker.memory.OnnxEmbedder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * all-MiniLM-L6-v2 quantized (what the hub runs) against the unquantized model: throughput of the model alone and
 * behind the hub's batching embedder, and retrieval quality on generated facts ("Ana's dog is called Rex.") asked
 * about in other words ("What is the name of Ana's dog?"): hit@1 and hit@10 of the right fact, and how much of the
 * unquantized model's top 10 the quantized one returns.
 */
final class EmbeddingRun {
  private static final String[] FIRST = {"Ana", "Ben", "Carla", "Dmitri", "Eva", "Farid", "Grace", "Hugo", "Ines",
      "Jonas", "Keiko", "Liam", "Maya", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara"};
  private static final String[] LAST = {"Silva", "Meyer", "Rossi", "Novak", "Khan", "Tanaka", "Okafor", "Larsen",
      "Dubois", "Garcia"};
  private static final String[][] ATTRIBUTES = {
      {"%s's favourite colour is %s.", "What is %s's favourite colour?", "teal|crimson|ochre|lilac|navy|amber"},
      {"%s lives in %s.", "Where does %s live?", "Lisbon|Oslo|Nairobi|Osaka|Quito|Tallinn"},
      {"%s works as a %s.", "What does %s do for a living?", "nurse|welder|pilot|baker|lawyer|gardener"},
      {"%s's dog is called %s.", "What is the name of %s's dog?", "Rex|Biscuit|Luna|Pepper|Odin|Mochi"},
      {"%s was born in %s.", "In which year was %s born?", "1961|1974|1983|1990|1999|2004"},
      {"%s drives a %s.", "What car does %s drive?", "red hatchback|grey van|blue pickup|white estate|black coupe"},
      {"%s is allergic to %s.", "What is %s allergic to?", "peanuts|penicillin|pollen|shellfish|latex|cats"},
      {"%s plays the %s.", "Which instrument does %s play?", "cello|banjo|trumpet|harp|drums|oboe"},
      {"%s's phone number ends in %s.", "What are the last digits of %s's phone number?", "4417|2093|7781|5150"},
      {"%s studied %s at university.", "What did %s study?", "geology|law|music|chemistry|history|nursing"}};

  record Throughput(String what, double sentencesPerSecond) {}

  record Quality(String model, double hitAt1, double hitAt10) {}

  record Outcome(List<Throughput> throughput, List<Quality> quality, double agreementAt10, double singleP50Ms,
                 double singleP99Ms, int facts, int queries) {}

  private EmbeddingRun() {}

  static Outcome run(int threads, int queries, long seed) {
    Random r = new Random(seed);
    List<String> facts = new ArrayList<>();
    List<String> questions = new ArrayList<>();
    for (String first : FIRST) {
      for (String last : LAST) {
        for (String[] a : ATTRIBUTES) {
          String[] values = a[2].split("\\|");
          facts.add(String.format(Locale.ROOT, a[0], first + " " + last, values[r.nextInt(values.length)]));
          questions.add(String.format(Locale.ROOT, a[1], first + " " + last));
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
    try {
      EmbeddingModel quantized = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
      EmbeddingModel full = new AllMiniLmL6V2EmbeddingModel(pool);
      List<Throughput> throughput = new ArrayList<>();
      float[][] qFacts = timed("quantized model alone", quantized, facts, throughput);
      float[][] fFacts = timed("unquantized model alone", full, facts, throughput);
      int[] asked = r.ints(queries, 0, questions.size()).toArray();
      List<String> askedText = IntStream.of(asked).mapToObj(questions::get).toList();
      float[][] qQuestions = vectors(quantized, askedText);
      float[][] fQuestions = vectors(full, askedText);
      List<Quality> quality = List.of(quality("quantized", qFacts, qQuestions, asked),
          quality("unquantized", fFacts, fQuestions, asked));
      double agreement = agreement(qFacts, qQuestions, fFacts, fQuestions);
      double[] single = embedder(threads, facts, throughput);
      return new Outcome(throughput, quality, agreement, single[0], single[1], facts.size(), queries);
    } finally {
      pool.shutdown();
    }
  }

  private static float[][] timed(String what, EmbeddingModel model, List<String> texts, List<Throughput> out) {
    vectors(model, texts.subList(0, 64)); // loads the model and warms it up
    long t0 = System.nanoTime();
    float[][] v = vectors(model, texts);
    out.add(new Throughput(what, texts.size() / ((System.nanoTime() - t0) / 1e9)));
    return v;
  }

  /** The hub's embedder (batching, quantized): all texts requested at once, then one at a time for latency. */
  private static double[] embedder(int threads, List<String> texts, List<Throughput> out) {
    Vertx vertx = Vertx.vertx();
    OnnxEmbedder embedder = OnnxEmbedder.quantized(vertx, threads, 32);
    try {
      embedder.embedAll(texts.subList(0, 64)).await();
      CompletableFuture<Long> done = new CompletableFuture<>();
      vertx.runOnContext(v -> {
        long t0 = System.nanoTime();
        List<Future<float[]>> all = texts.stream().map(embedder::embed).toList();
        Future.all(all).onComplete(x -> done.complete(System.nanoTime() - t0));
      });
      out.add(new Throughput("hub embedder, " + texts.size() + " concurrent single-text requests",
          texts.size() / (done.join() / 1e9)));
      Histogram micros = new Histogram(3);
      for (int i = 0; i < 200; i++) {
        long t0 = System.nanoTime();
        embedder.embed(texts.get(i)).await();
        micros.recordValue((System.nanoTime() - t0) / 1_000);
      }
      return new double[] {micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3};
    } finally {
      embedder.close();
      vertx.close().await();
    }
  }

  private static float[][] vectors(EmbeddingModel model, List<String> texts) {
    List<Embedding> e = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    return e.stream().map(Embedding::vector).toArray(float[][]::new);
  }

  private static Quality quality(String name, float[][] facts, float[][] questions, int[] asked) {
    int hit1 = 0;
    int hit10 = 0;
    for (int i = 0; i < asked.length; i++) {
      List<Integer> top = top(facts, questions[i], 10);
      hit1 += top.get(0) == asked[i] ? 1 : 0;
      hit10 += top.contains(asked[i]) ? 1 : 0;
    }
    return new Quality(name, hit1 / (double) asked.length, hit10 / (double) asked.length);
  }

  private static double agreement(float[][] qFacts, float[][] qQuestions, float[][] fFacts, float[][] fQuestions) {
    double sum = 0;
    for (int i = 0; i < qQuestions.length; i++) {
      List<Integer> q = top(qFacts, qQuestions[i], 10);
      List<Integer> f = top(fFacts, fQuestions[i], 10);
      sum += q.stream().filter(f::contains).count() / 10.0;
    }
    return sum / qQuestions.length;
  }

  private static List<Integer> top(float[][] corpus, float[] query, int k) {
    return IntStream.range(0, corpus.length).boxed()
        .sorted(Comparator.comparingDouble(i -> -SyntheticVectors.dot(query, corpus[i]))).limit(k).toList();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "bench-embed");
      t.setDaemon(true);
      return t;
    };
  }
}

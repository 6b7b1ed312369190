package io.aiox.bench.memory;

import io.aiox.schema.Database;
import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.migration.Migrator;
import io.aiox.testkit.PostgresServer;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Runs one scenario and prints its Markdown row (also appended to {@code --results}):
 * <ul>
 *   <li>{@code a100k}, {@code a1m}: 100k or 1M memories over 10k owners (one agent each): the exact path;
 *   <li>{@code b100k}, {@code b1m}: one owner's one agent holding 100k or 1M memories: the HNSW path;
 *   <li>{@code embed}: the embedding model's throughput and quality, quantized against unquantized.
 * </ul>
 * Options: {@code --scenario NAME --queries N --checked N --seed N --results FILE --threads N}.
 */
public final class MemoryBench {
  private static final String HNSW = "agent_memories_embedding_hnsw";

  private MemoryBench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    long t0 = System.nanoTime();
    String md = switch (o.scenario) {
      case "embed" -> embed(o);
      case "a100k" -> recall(o, 10_000, 10);
      case "a1m" -> recall(o, 10_000, 100);
      case "b100k" -> recall(o, 1, 100_000);
      case "b1m" -> recall(o, 1, 1_000_000);
      default -> throw new IllegalArgumentException("unknown --scenario " + o.scenario
          + " (a100k, a1m, b100k, b1m, embed)");
    };
    System.out.print(md);
    System.err.printf(Locale.ROOT, "scenario %s took %.0f s%n", o.scenario, (System.nanoTime() - t0) / 1e9);
    if (o.results != null) {
      Files.writeString(o.results, md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.exit(0);
  }

  private static String embed(Options o) {
    EmbeddingRun.Outcome e = EmbeddingRun.run(o.threads, o.queries, o.seed);
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n%d facts, %d questions, %d threads%n%n",
        e.facts(), e.queries(), o.threads));
    md.append("| what | sentences/s |\n|---|---|\n");
    e.throughput().forEach(t -> md.append(String.format(Locale.ROOT, "| %s | %.0f |%n", t.what(),
        t.sentencesPerSecond())));
    md.append("\n| model | hit@1 | hit@10 |\n|---|---|---|\n");
    e.quality().forEach(q -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", q.model(), q.hitAt1(),
        q.hitAt10())));
    md.append(String.format(Locale.ROOT, "%nquantized top 10 against unquantized top 10: %.3f; one text through the"
        + " hub embedder, idle: p50 %.1f ms, p99 %.1f ms%n", e.agreementAt10(), e.singleP50Ms(), e.singleP99Ms()));
    return md.toString();
  }

  private static String recall(Options o, int owners, int perOwner) throws SQLException, IOException {
    try (TestServers servers = new TestServers()) {
      PostgresServer pg = servers.postgres();
      DatabaseConfig db = new DatabaseConfig(pg.host(), pg.port(), "memory_" + o.scenario,
          DatabaseConfig.DEFAULT_USER, UUID.randomUUID().toString(), pg.adminUser(), pg.adminPassword(), 4);
      Migrator.migrate(db);
      SyntheticVectors space = new SyntheticVectors(o.seed);
      MemoryCorpus corpus;
      double copySeconds;
      double indexSeconds;
      try (Connection admin = pg.adminConnection(db.database()); Statement s = admin.createStatement()) {
        s.execute("SET maintenance_work_mem = '6GB'");
        s.execute("SET max_parallel_maintenance_workers = 1");
        s.execute("DROP INDEX " + HNSW); // built after the load: far faster than kept up row by row
        long t0 = System.nanoTime();
        corpus = MemoryCorpus.load(admin, space, owners, perOwner, o.seed + 1);
        copySeconds = (System.nanoTime() - t0) / 1e9;
        log("loaded %d memories in %.1f s", corpus.size(), copySeconds);
        t0 = System.nanoTime();
        s.execute("CREATE INDEX " + HNSW + " ON agent_memories USING hnsw (embedding vector_cosine_ops)");
        indexSeconds = (System.nanoTime() - t0) / 1e9;
        log("HNSW index built in %.1f s", indexSeconds);
        s.execute("VACUUM ANALYZE agent_memories");
        s.execute("VACUUM ANALYZE agents");
        explain(s, corpus);
      }
      return measure(o, db, corpus, space, copySeconds, indexSeconds);
    }
  }

  private static String measure(Options o, DatabaseConfig db, MemoryCorpus corpus, SyntheticVectors space,
                                double copySeconds, double indexSeconds) {
    Vertx vertx = Vertx.vertx();
    Database database = Database.connect(vertx, db).await();
    try {
      MemoryRepository repo = new MemoryRepository(database.ownerScope());
      RecallRun.Outcome r = RecallRun.run(repo, corpus, space, 200, o.queries, o.checked, o.seed + 2);
      boolean large = corpus.perOwner > MemoryRepository.DEFAULT_EXACT_LIMIT;
      String row = row(o.scenario, corpus, large ? "HNSW, ef_search " + MemoryRepository.DEFAULT_EF_SEARCH
          : "exact", r.micros(), String.format(Locale.ROOT, "%.4f (min %.2f), %d checked", r.meanRecall(),
          r.minRecall(), r.checked()), copySeconds, indexSeconds);
      if (large) {
        Histogram exact = RecallRun.exactOnly(new MemoryRepository(database.ownerScope(), 100_000_000,
            MemoryRepository.DEFAULT_EF_SEARCH), corpus, space, 5, o.seed + 3);
        row += row(o.scenario, corpus, "exact (forced), 5 queries", exact, "1 by definition", copySeconds,
            indexSeconds);
      }
      log("mean results per recall: %.2f", r.meanReturned());
      return row;
    } finally {
      database.close();
      vertx.close().await();
    }
  }

  private static String row(String scenario, MemoryCorpus c, String path, Histogram micros, String recall,
                            double copySeconds, double indexSeconds) {
    return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %s | %d | %.2f | %.2f | %.2f | %s | %.0f | %.0f |%n",
        scenario, c.size(), c.owners, c.perOwner, path, micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3, micros.getMaxValue() / 1e3,
        recall, copySeconds, indexSeconds);
  }

  /** The plan of the HNSW-path statement for one owner, to show which index answers it. */
  private static void explain(Statement s, MemoryCorpus c) throws SQLException {
    String vector = vectorText(c.vectors[0]);
    s.execute("SET hnsw.ef_search = " + MemoryRepository.DEFAULT_EF_SEARCH);
    s.execute("SET hnsw.iterative_scan = strict_order");
    try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM agent_memories"
        + " WHERE owner_user_id = '" + c.ownerIds[0] + "' AND agent_id = '" + c.agentIds[0] + "'"
        + " AND (kind IN ('fact', 'document') OR metadata->>'peer' = 'x') ORDER BY embedding <=> '" + vector
        + "' LIMIT 10")) {
      while (rs.next()) {
        System.err.println("  plan: " + rs.getString(1));
      }
    }
  }

  private static String vectorText(float[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ",").append(v[i]);
    }
    return b.append(']').toString();
  }

  private static void log(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }

  private record Options(String scenario, int queries, int checked, long seed, Path results, int threads) {
    static Options parse(String[] args) {
      String scenario = "a100k";
      int queries = 2_000;
      int checked = 300;
      long seed = 42;
      Path results = null;
      int threads = Runtime.getRuntime().availableProcessors();
      for (int i = 0; i + 1 < args.length; i += 2) {
        switch (args[i]) {
          case "--scenario" -> scenario = args[i + 1];
          case "--queries" -> queries = Integer.parseInt(args[i + 1]);
          case "--checked" -> checked = Integer.parseInt(args[i + 1]);
          case "--seed" -> seed = Long.parseLong(args[i + 1]);
          case "--results" -> results = Path.of(args[i + 1]);
          case "--threads" -> threads = Integer.parseInt(args[i + 1]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(scenario, queries, checked, seed, results, threads);
    }
  }
}

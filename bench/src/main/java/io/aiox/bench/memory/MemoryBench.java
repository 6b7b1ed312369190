package io.aiox.bench.memory;

import io.aiox.schema.Database;
import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.migration.Migrator;
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
 *   <li>{@code a<size>} ({@code a100k}, {@code a1m}): that many memories over 10k owners, one agent each;
 *   <li>{@code b<size>} ({@code b100k}, {@code b1m}): one owner's one agent holding that many memories;
 *   <li>{@code embed}: the embedding model's throughput and quality, quantized against unquantized.
 * </ul>
 * Options: {@code --scenario NAME --queries N --checked N --seed N --results FILE --threads N}; {@code --ef N[,N]}
 * (ef_search values measured on the HNSW path, on the same data); {@code --hnsw false} (the HNSW index is not
 * built: the exact path of scenario a never reads it, and building it for 1M rows takes most of the time budget on
 * a small machine).
 */
public final class MemoryBench {
  private static final String HNSW = "agent_memories_embedding_hnsw";
  private static final int OWNERS = 10_000;
  /** Recalls before the measured ones: the JIT compiles the client's paths before it is timed, not during. */
  private static final int WARMUP = 3_000;

  private MemoryBench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    long t0 = System.nanoTime();
    String md;
    if (o.scenario.equals("embed")) {
      md = embed(o);
    } else if (o.scenario.matches("[ab][0-9]+[km]?")) {
      int n = size(o.scenario.substring(1));
      md = o.scenario.startsWith("a") ? recall(o, OWNERS, n / OWNERS) : recall(o, 1, n);
    } else {
      throw new IllegalArgumentException("unknown --scenario " + o.scenario + " (embed, a<size>, b<size>)");
    }
    System.out.print(md);
    System.err.printf(Locale.ROOT, "scenario %s took %.0f s%n", o.scenario, (System.nanoTime() - t0) / 1e9);
    if (o.results != null) {
      Files.writeString(o.results, md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.exit(0);
  }

  /** "100k" is 100,000; "1m" is 1,000,000. */
  private static int size(String text) {
    char unit = text.charAt(text.length() - 1);
    int scale = unit == 'k' ? 1_000 : unit == 'm' ? 1_000_000 : 1;
    return Integer.parseInt(scale == 1 ? text : text.substring(0, text.length() - 1)) * scale;
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
    try (BenchPostgres pg = BenchPostgres.start()) {
      DatabaseConfig db = new DatabaseConfig(pg.host(), pg.port(), "memory_" + o.scenario,
          DatabaseConfig.DEFAULT_USER, UUID.randomUUID().toString(), BenchPostgres.ADMIN, pg.adminPassword(), 4);
      Migrator.migrate(db);
      SyntheticVectors space = new SyntheticVectors(o.seed);
      MemoryCorpus corpus;
      double copySeconds;
      double indexSeconds;
      try (Connection admin = pg.admin(db.database()); Statement s = admin.createStatement()) {
        s.execute("DROP INDEX " + HNSW); // built after the load: far faster than kept up row by row
        long t0 = System.nanoTime();
        corpus = MemoryCorpus.load(admin, space, owners, perOwner, o.seed + 1);
        copySeconds = (System.nanoTime() - t0) / 1e9;
        log("loaded %d memories in %.1f s", corpus.size(), copySeconds);
        t0 = System.nanoTime();
        if (o.hnsw) {
          s.execute("CREATE INDEX " + HNSW + " ON agent_memories USING hnsw (embedding vector_cosine_ops)");
          indexSeconds = (System.nanoTime() - t0) / 1e9;
          log("HNSW index built in %.1f s", indexSeconds);
        } else {
          indexSeconds = Double.NaN; // --hnsw false: the exact path never reads it (see the plan printed)
        }
        // Frozen (no hint bits left for readers to set) and in shared buffers: a server whose working set fits in
        // memory, as a hub's should. COPY and VACUUM go through small ring buffers and leave the data outside.
        s.execute("VACUUM (FREEZE, ANALYZE) agent_memories");
        s.execute("VACUUM (FREEZE, ANALYZE) agents");
        s.execute("CHECKPOINT");
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
        try (ResultSet rs = s.executeQuery("SELECT sum(pg_prewarm(c.oid)) FROM pg_class c"
            + " WHERE c.relkind IN ('r', 'i')"
            + " AND (c.relname LIKE 'agent\\_memories\\_p%' OR c.relname LIKE 'agents%')")) {
          rs.next();
          log("prewarmed %d blocks", rs.getLong(1));
        }
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
      RecallRun.Workload work = RecallRun.Workload.draw(corpus, space, WARMUP, o.queries, o.checked, o.seed + 2);
      boolean large = corpus.perOwner > MemoryRepository.DEFAULT_EXACT_LIMIT;
      StringBuilder rows = new StringBuilder();
      for (int ef : large ? o.ef : new int[] {MemoryRepository.DEFAULT_EF_SEARCH}) {
        MemoryRepository repo = new MemoryRepository(database.ownerScope(), MemoryRepository.DEFAULT_EXACT_LIMIT, ef);
        RecallRun.Outcome r = RecallRun.run(vertx, repo, work);
        log("mean results per recall: %.2f", r.meanReturned());
        rows.append(row(o.scenario, corpus, large ? "HNSW, ef_search " + ef : "exact", r.micros(),
            String.format(Locale.ROOT, "%.4f (min %.2f; %d of %d under 0.5)", r.meanRecall(), r.minRecall(),
            r.belowHalf(), r.checked()), copySeconds, indexSeconds));
      }
      if (large) {
        Histogram exact = RecallRun.exactOnly(new MemoryRepository(database.ownerScope(), 100_000_000,
            MemoryRepository.DEFAULT_EF_SEARCH), corpus, space, 5, o.seed + 3);
        rows.append(row(o.scenario, corpus, "exact (forced), 5 queries", exact, "1 by definition", copySeconds,
            indexSeconds));
      }
      Histogram floor = RecallRun.floor(vertx, database.ownerScope(), corpus, o.queries);
      return rows.append(row(o.scenario, corpus, "floor: owner-scoped SELECT 1", floor, "-", copySeconds,
          indexSeconds)).toString();
    } finally {
      database.close();
      vertx.close().await();
    }
  }

  private static String row(String scenario, MemoryCorpus c, String path, Histogram micros, String recall,
                            double copySeconds, double indexSeconds) {
    return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %s | %d | %.2f | %.2f | %.2f | %s | %.0f | %s |%n",
        scenario, c.size(), c.owners, c.perOwner, path, micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3, micros.getMaxValue() / 1e3,
        recall, copySeconds, Double.isNaN(indexSeconds) ? "not built" : String.format(Locale.ROOT, "%.0f",
        indexSeconds));
  }

  /** The plans of both search statements for one owner (as the admin, so without row-level security). */
  private static void explain(Statement s, MemoryCorpus c) throws SQLException {
    String vector = "'" + vectorText(c.vectors[0]) + "'::vector";
    String mine = "owner_user_id = '" + c.ownerIds[0] + "' AND agent_id = '" + c.agentIds[0] + "'"
        + " AND (kind IN ('fact', 'document') OR metadata->>'peer' = 'x')";
    s.execute("SET hnsw.ef_search = " + MemoryRepository.DEFAULT_EF_SEARCH);
    s.execute("SET hnsw.iterative_scan = strict_order");
    print(s, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM agent_memories WHERE " + mine
        + " ORDER BY embedding <=> " + vector + " LIMIT 10");
    print(s, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) WITH m AS MATERIALIZED (SELECT id, embedding <=> " + vector
        + " AS d FROM agent_memories WHERE " + mine + ") SELECT id FROM m ORDER BY d LIMIT 10");
  }

  private static void print(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String line = rs.getString(1);
        System.err.println("  plan: " + (line.length() > 160 ? line.substring(0, 160) + "..." : line));
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

  private record Options(String scenario, int queries, int checked, long seed, Path results, int threads,
                         boolean hnsw, int[] ef) {
    static Options parse(String[] args) {
      String scenario = "a100k";
      int queries = 2_000;
      int checked = 300;
      long seed = 42;
      Path results = null;
      int threads = Runtime.getRuntime().availableProcessors();
      boolean hnsw = true;
      int[] ef = {MemoryRepository.DEFAULT_EF_SEARCH};
      for (int i = 0; i + 1 < args.length; i += 2) {
        switch (args[i]) {
          case "--scenario" -> scenario = args[i + 1];
          case "--queries" -> queries = Integer.parseInt(args[i + 1]);
          case "--checked" -> checked = Integer.parseInt(args[i + 1]);
          case "--seed" -> seed = Long.parseLong(args[i + 1]);
          case "--results" -> results = Path.of(args[i + 1]);
          case "--threads" -> threads = Integer.parseInt(args[i + 1]);
          case "--hnsw" -> hnsw = Boolean.parseBoolean(args[i + 1]);
          case "--ef" -> ef = java.util.Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(scenario, queries, checked, seed, results, threads, hnsw, ef);
    }
  }
}

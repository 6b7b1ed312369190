package io.aiox.bench.agents;

import io.aiox.bench.memory.BenchPostgres;
import io.aiox.component.xmpp.routing.AgentDirectory;
import io.aiox.schema.Database;
import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.migration.Migrator;
import io.aiox.schema.user.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;

/**
 * Loads agents in steps (10,000, then 100,000, then 1,000,000 rows over 10,000 owners, by COPY) and after each step
 * measures, on one event loop with {@code concurrency} lookups in flight, uniformly random agents looked up
 * (a) through the component's {@link AgentDirectory} with its production bounds (100,000 entries, 5 s), as every
 * stanza does, and (b) straight through {@link AgentRepository#route}; then the heap the directory leaves after a
 * full GC. Prints Markdown rows and appends them to {@code --results}.
 *
 * <pre>java ... io.aiox.bench.agents.AgentScaleBench [--steps 10k,100k,1m] [--owners 10000] [--lookups 200000]
 *     [--concurrency 16] [--seed 7] [--results FILE]</pre>
 */
public final class AgentScaleBench {
  private static final String DOMAIN = "agents.bench.test";
  private static final int CACHE_ENTRIES = 100_000;
  private static final long CACHE_TTL_MS = 5_000;

  private AgentScaleBench() {}

  public static void main(String[] argv) throws Exception {
    List<Integer> steps = List.of(10_000, 100_000, 1_000_000);
    int owners = 10_000;
    int lookups = 200_000;
    int concurrency = 16;
    long seed = 7;
    Path results = Path.of("bench/target/agents-results.md");
    for (int i = 0; i < argv.length; i += 2) {
      String v = argv[i + 1];
      switch (argv[i]) {
        case "--steps" -> steps = List.of(v.split(",")).stream().map(AgentScaleBench::size).toList();
        case "--owners" -> owners = Integer.parseInt(v);
        case "--lookups" -> lookups = Integer.parseInt(v);
        case "--concurrency" -> concurrency = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--results" -> results = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    String table = run(steps, owners, lookups, concurrency, seed);
    System.out.print(table);
    Files.createDirectories(results.toAbsolutePath().getParent());
    Files.writeString(results, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static int size(String text) {
    char unit = text.charAt(text.length() - 1);
    int scale = unit == 'k' ? 1_000 : unit == 'm' ? 1_000_000 : 1;
    return Integer.parseInt(scale == 1 ? text : text.substring(0, text.length() - 1)) * scale;
  }

  static String run(List<Integer> steps, int owners, int lookups, int concurrency, long seed)
      throws SQLException, IOException {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n%d lookups per row, %d in flight, uniformly"
        + " random agents; directory bounds %d entries / %d ms%n%n| agents | path | lookups/s | p50 us | p99 us |"
        + " max us | heap after GC, MB (directory filled) |%n|---|---|---|---|---|---|---|%n", lookups,
        concurrency, CACHE_ENTRIES, CACHE_TTL_MS));
    try (BenchPostgres pg = BenchPostgres.start()) {
      DatabaseConfig db = new DatabaseConfig(pg.host(), pg.port(), "agents_scale", DatabaseConfig.DEFAULT_USER,
          UUID.randomUUID().toString(), BenchPostgres.ADMIN, pg.adminPassword(), 4);
      Migrator.migrate(db);
      Random random = new Random(seed);
      List<UUID> agents = new ArrayList<>();
      UUID[] ownerIds = new UUID[owners];
      try (Connection admin = pg.admin(db.database())) {
        loadOwners(admin, ownerIds, random);
        for (int target : steps) {
          long t0 = System.nanoTime();
          loadAgents(admin, ownerIds, agents, target, random);
          settle(admin);
          log("%d agents loaded and analyzed in %.1f s", agents.size(), (System.nanoTime() - t0) / 1e9);
          md.append(measure(db, agents, lookups, concurrency, new Random(seed + target)));
        }
      }
    }
    return md.toString();
  }

  private static void loadOwners(Connection admin, UUID[] ownerIds, Random random) throws SQLException,
      IOException {
    StringBuilder users = new StringBuilder();
    for (int o = 0; o < ownerIds.length; o++) {
      ownerIds[o] = new UUID(random.nextLong(), random.nextLong());
      users.append(ownerIds[o]).append("\tu").append(o).append("\tu").append(o).append("@bench.test\n");
    }
    admin.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY users (id, username, xmpp_jid) FROM STDIN",
        new StringReader(users.toString()));
  }

  /** Adds agents, spread round-robin over the owners, until there are {@code target}. */
  private static void loadAgents(Connection admin, UUID[] ownerIds, List<UUID> agents, int target, Random random)
      throws SQLException, IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = agents.size(); i < target; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      agents.add(id);
      rows.append(id).append('\t').append(ownerIds[i % ownerIds.length]).append("\tagent-").append(id)
          .append('@').append(DOMAIN).append('\n');
    }
    admin.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY agents (id, owner_user_id, jid) FROM STDIN",
        new StringReader(rows.toString()));
  }

  /** Frozen, analyzed and in shared buffers: a server whose working set fits in memory. */
  private static void settle(Connection admin) throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute("VACUUM (FREEZE, ANALYZE) agents");
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
      s.execute("SELECT sum(pg_prewarm(c.oid)) FROM pg_class c WHERE c.relkind IN ('r', 'i')"
          + " AND c.relname LIKE 'agents%'");
    }
  }

  private static String measure(DatabaseConfig db, List<UUID> agents, int lookups, int concurrency, Random random) {
    Vertx vertx = Vertx.vertx();
    Database database = Database.connect(vertx, db).await();
    try {
      AgentRepository repo = new AgentRepository(database.ownerScope(), DOMAIN);
      AgentJid[] work = new AgentJid[lookups];
      for (int i = 0; i < lookups; i++) {
        work[i] = new AgentJid(new AgentId(agents.get(random.nextInt(agents.size()))), DOMAIN);
      }
      long heapBefore = heapAfterGc();
      AgentDirectory directory = new AgentDirectory(repo, new UserRepository(database.ownerScope()), CACHE_ENTRIES,
          CACHE_TTL_MS);
      drive(vertx, work, concurrency, j -> directory.agent(j).map(a -> found(a.isPresent()))); // warm-up pass
      Result cached = drive(vertx, work, concurrency, j -> directory.agent(j).map(a -> found(a.isPresent())));
      long heapDirectory = heapAfterGc() - heapBefore;
      Reference.reachabilityFence(directory); // measured with its entries, not after they were collected
      Result direct = drive(vertx, work, concurrency, j -> repo.route(j).map(a -> found(a.isPresent())));
      String size = String.format(Locale.ROOT, "%,d", agents.size());
      return row(size, "directory (as every stanza)", cached, String.format(Locale.ROOT, "%.1f",
          heapDirectory / 1e6)) + row(size, "database (route)", direct, "-");
    } finally {
      database.close();
      vertx.close().await();
    }
  }

  private static Void found(boolean present) {
    if (!present) {
      throw new IllegalStateException("an agent that was loaded was not found");
    }
    return null;
  }

  private static String row(String agents, String path, Result r, String heap) {
    return String.format(Locale.ROOT, "| %s | %s | %.0f | %d | %d | %d | %s |%n", agents, path, r.perSecond,
        r.micros.getValueAtPercentile(50), r.micros.getValueAtPercentile(99), r.micros.getMaxValue(), heap);
  }

  private record Result(Histogram micros, double perSecond) {}

  /** Runs every lookup with {@code concurrency} in flight on one event-loop context, timing each. */
  private static Result drive(Vertx vertx, AgentJid[] work, int concurrency,
                              Function<AgentJid, Future<Void>> lookup) {
    Driver driver = new Driver(work, concurrency, lookup);
    long t0 = System.nanoTime();
    vertx.runOnContext(v -> driver.pump());
    driver.done.future().await();
    return new Result(driver.micros, work.length / ((System.nanoTime() - t0) / 1e9));
  }

  /**
   * Keeps {@code concurrency} lookups in flight. A cache hit completes at once, inside {@link #pump}; the loop
   * (rather than starting the next lookup from the callback) keeps a run of hits from nesting calls.
   */
  private static final class Driver {
    private final AgentJid[] work;
    private final int concurrency;
    private final Function<AgentJid, Future<Void>> lookup;
    private final Histogram micros = new Histogram(60_000_000L, 3);
    private final Promise<Void> done = Promise.promise();
    private int started;
    private int finished;
    private int inFlight;
    private boolean pumping;

    Driver(AgentJid[] work, int concurrency, Function<AgentJid, Future<Void>> lookup) {
      this.work = work;
      this.concurrency = concurrency;
      this.lookup = lookup;
    }

    void pump() {
      if (pumping) {
        return;
      }
      pumping = true;
      while (inFlight < concurrency && started < work.length && !done.future().isComplete()) {
        long t0 = System.nanoTime();
        inFlight++;
        lookup.apply(work[started++]).onComplete(ar -> {
          inFlight--;
          if (ar.failed()) {
            done.tryFail(ar.cause());
            return;
          }
          micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
          if (++finished == work.length) {
            done.tryComplete();
          } else {
            pump();
          }
        });
      }
      pumping = false;
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[agents] " + format + "%n", args);
  }
}

package io.aiox.bench.chat;

import io.aiox.schema.Database;
import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.migration.Migrator;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.PostgresServer;
import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * Everything the targets share, started once per run: PostgreSQL and Redis from the testkit, and two ejabberd
 * instances of the same version and configuration (the testkit's, with a client shaper of 1 MB/s per stream, far
 * above what a sender uses): one for the hub, one for the baselines. A domain serves one kind of component at a
 * time (ejabberd routes each stanza to a random one of the domain's component connections), so with one server
 * the hub and the echo component would have to take turns, each restart costing the hub its JIT warm-up. The two
 * echo components (bare and on Whack) do take turns on the baselines' server: each disconnects while the other is
 * loaded, its JVM kept. Also:
 * the senders' and echoing peers' accounts, the schema with public agents created through the repositories, the
 * hub's configuration, and a load generator of logged-in senders on each server.
 */
final class ChatStack implements AutoCloseable {
  private static final int CREATE_BATCH = 200;
  /** Every limit far above what the run sends: the quota check still runs (Redis and PostgreSQL), never refuses. */
  private static final long NO_LIMIT_IN_REACH = 1_000_000_000_000L;

  final TestServers servers;
  /** The ejabberd the hub connects to. */
  final EjabberdServer hubXmpp;
  /** The ejabberd the echo component and the echoing peers connect to. */
  final EjabberdServer baselineXmpp;
  final Vertx vertx;
  final List<String> agentJids;
  final JsonObject hubConfig;
  /** Whether the hub's turns are answered by {@link ZeroCostModel} (else the hub serves them with a local model). */
  final boolean zeroCost;
  private final LoadGenerator hubSenders;
  private final LoadGenerator baselineSenders;
  private final long hubEjabberdPid;
  private final long baselineEjabberdPid;

  private ChatStack(TestServers servers, EjabberdServer baselineXmpp, DatabaseConfig db, Vertx vertx,
                    List<String> agentJids, LoadGenerator hubSenders, LoadGenerator baselineSenders,
                    Optional<Path> model) {
    this.servers = servers;
    this.hubXmpp = servers.ejabberd();
    this.baselineXmpp = baselineXmpp;
    this.vertx = vertx;
    this.agentJids = agentJids;
    this.hubSenders = hubSenders;
    this.baselineSenders = baselineSenders;
    JsonObject config = hubConfig(hubXmpp, db, servers.redis().uri());
    this.hubConfig = model.map(m -> withLocalModel(config, m)).orElse(config);
    this.zeroCost = model.isEmpty();
    this.hubEjabberdPid = CpuMeter.ejabberdPid(dir(hubXmpp));
    this.baselineEjabberdPid = CpuMeter.ejabberdPid(dir(baselineXmpp));
  }

  static ChatStack start(ChatOptions o) {
    TestServers servers = new TestServers();
    CompletableFuture<EjabberdServer> baseline = CompletableFuture.supplyAsync(() -> EjabberdServer.start(
        ProjectRoot.get(), servers.dir().resolve("ejabberd-baseline"), EjabberdServer.DEFAULT_DOMAIN));
    CompletableFuture.allOf(CompletableFuture.runAsync(servers::postgres), CompletableFuture.runAsync(servers::redis),
        CompletableFuture.runAsync(servers::ejabberd), baseline).join();
    EjabberdServer hubXmpp = servers.ejabberd();
    EjabberdServer baselineXmpp = baseline.join();
    // The testkit stops its own servers when the JVM ends; the second ejabberd is this benchmark's to stop.
    Runtime.getRuntime().addShutdownHook(new Thread(baselineXmpp::close, "chat-bench-ejabberd-stop"));
    long t0 = System.nanoTime();
    // One server per core: each hashes the new passwords in its own process.
    CompletableFuture.allOf(CompletableFuture.runAsync(() -> register(hubXmpp, o.maxSenders(), BenchUsers::sender)),
        CompletableFuture.runAsync(() -> {
          register(baselineXmpp, o.maxSenders(), BenchUsers::sender);
          register(baselineXmpp, o.maxEchoClients(), BenchUsers::echo);
        })).join();
    log("registered %d senders on each ejabberd and %d echoing peers in %.1f s", o.maxSenders(),
        o.maxEchoClients(), since(t0));
    DatabaseConfig db = database(servers.postgres());
    Migrator.migrate(db);
    Vertx vertx = Vertx.vertx();
    t0 = System.nanoTime();
    List<String> agents = createAgents(vertx, db, hubXmpp.domain(), hubXmpp.componentDomain(), o.maxAgents(),
        o.agentsPerOwner());
    log("created %d public agents (%d per owner) through the repositories in %.1f s", agents.size(),
        o.agentsPerOwner(), since(t0));
    t0 = System.nanoTime();
    CompletableFuture<LoadGenerator> hubLogins = CompletableFuture.supplyAsync(() -> LoadGenerator.login(vertx,
        endpoint(hubXmpp), o.maxSenders()));
    LoadGenerator baselineSenders = LoadGenerator.login(vertx, endpoint(baselineXmpp), o.maxSenders());
    LoadGenerator hubSenders = hubLogins.join();
    log("logged %d senders in on each ejabberd in %.1f s", o.maxSenders(), since(t0));
    return new ChatStack(servers, baselineXmpp, db, vertx, agents, hubSenders, baselineSenders, o.model());
  }

  static Endpoint endpoint(EjabberdServer ejabberd) {
    return new Endpoint(ejabberd.host(), ejabberd.c2sPort(), ejabberd.domain());
  }

  /** The senders that drive {@code kind}: logged in to the ejabberd it is connected to. */
  LoadGenerator generator(TargetKind kind) {
    return kind == TargetKind.AIOX ? hubSenders : baselineSenders;
  }

  /** The Erlang VM of the ejabberd {@code kind} is connected to, for its CPU time. */
  long ejabberdPid(TargetKind kind) {
    return kind == TargetKind.AIOX ? hubEjabberdPid : baselineEjabberdPid;
  }

  /** What {@link TargetMain} needs for {@code kind}. */
  JsonObject settings(TargetKind kind, int echoClients) {
    return switch (kind) {
      case AIOX -> new JsonObject().put("hub", hubConfig).put("zeroCost", zeroCost);
      case ECHO_COMPONENT, WHACK -> new JsonObject().put("host", baselineXmpp.host())
          .put("componentPort", baselineXmpp.componentPort()).put("domain", baselineXmpp.domain())
          .put("componentDomain", baselineXmpp.componentDomain())
          .put("componentSecret", baselineXmpp.componentSecret());
      case CLIENTS -> new JsonObject().put("xmpp", endpoint(baselineXmpp).toJson()).put("count", echoClients);
    };
  }

  /** What the Erlang VM's command line holds of this instance's own folder (its Mnesia spool). */
  private static String dir(EjabberdServer ejabberd) {
    return ejabberd.logFile().getParent().getParent().resolve("spool").toString();
  }

  private static void register(EjabberdServer ejabberd, int count, IntFunction<String> user) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = user.apply(i);
        all.add(CompletableFuture.runAsync(() -> ejabberd.register(name, BenchUsers.password(name)), pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdown();
    }
  }

  static DatabaseConfig database(PostgresServer pg) {
    return new DatabaseConfig(pg.host(), pg.port(), "aiox_chat_bench", DatabaseConfig.DEFAULT_USER,
        UUID.randomUUID().toString(), pg.adminUser(), pg.adminPassword(), DatabaseConfig.DEFAULT_POOL_SIZE);
  }

  /** Owners, then their public agents, in batches through the hub's own repositories; returns the agents' JIDs. */
  static List<String> createAgents(Vertx vertx, DatabaseConfig config, String domain, String componentDomain,
                                   int count, int perOwner) {
    Database db = Database.connect(vertx, config).await();
    try {
      UserRepository users = new UserRepository(db.ownerScope());
      AgentRepository agents = new AgentRepository(db.ownerScope(), componentDomain);
      int ownerCount = (count + perOwner - 1) / perOwner;
      List<OwnerId> owners = new ArrayList<>(ownerCount);
      inBatches(ownerCount, i -> users.create("owner-" + i, "owner-" + i + "@" + domain))
          .forEach(u -> owners.add(u.id()));
      List<String> jids = new ArrayList<>(count);
      inBatches(count, i -> agents.create(owners.get(i / perOwner), NewAgent.named("Bench " + i,
          Visibility.PUBLIC))).forEach(a -> jids.add(a.jid().toString()));
      return jids;
    } finally {
      db.close();
    }
  }

  private static <T> List<T> inBatches(int count, IntFunction<Future<T>> create) {
    List<T> made = new ArrayList<>(count);
    for (int from = 0; from < count; from += CREATE_BATCH) {
      List<Future<T>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + CREATE_BATCH); i++) {
        batch.add(create.apply(i));
      }
      made.addAll(Future.all(batch).await().list());
    }
    return made;
  }

  /**
   * The hub as the component ITs configure it ({@code serve_turns: false}: no inference verticle; the target
   * process answers turns with {@link ZeroCostModel}), with quota limits out of reach.
   */
  private static JsonObject hubConfig(EjabberdServer ejabberd, DatabaseConfig db, String redisUri) {
    return hubConfig(new JsonObject().put("domain", ejabberd.domain()).put("componentPort", ejabberd.componentPort())
        .put("componentSecret", ejabberd.componentSecret()).put("adminApi", ejabberd.apiUrl()), db, redisUri);
  }

  /**
   * {@code --model}: the hub serves turns itself with its inference verticle and the GGUF file {@code model} on
   * llama.cpp (every agent's default model; 2 slots, 2 threads, as a small hub on this machine would run it).
   */
  private static JsonObject withLocalModel(JsonObject config, Path model) {
    JsonObject inference = new JsonObject().put("serve_turns", true).put("default_model", "bench-gguf")
        .put("models", new JsonObject().put("bench-gguf", new JsonObject().put("path", model.toString())
            .put("context_size", 4096).put("threads", 2).put("slots", 2)));
    return config.copy().put("inference", inference);
  }

  /** The same with {@code xmpp} as the hub's {@code xmpp} section (for a stand-in server instead of ejabberd). */
  static JsonObject hubConfig(JsonObject xmpp, DatabaseConfig db, String redisUri) {
    JsonObject limits = new JsonObject().put("max_tokens_per_minute", NO_LIMIT_IN_REACH)
        .put("max_tokens_per_day", NO_LIMIT_IN_REACH).put("max_messages_per_minute", NO_LIMIT_IN_REACH)
        .put("max_concurrent_turns", NO_LIMIT_IN_REACH);
    return new JsonObject()
        .put("xmpp", xmpp)
        .put("database", new JsonObject().put("host", db.host()).put("port", db.port()).put("database", db.database())
            .put("user", db.user()).put("password", db.password()).put("adminUser", db.adminUser())
            .put("adminPassword", db.adminPassword()))
        .put("redis", new JsonObject().put("uri", redisUri))
        // any free port: the fixed default would clash with a hub running on this machine (./aiox up)
        .put("observability", new JsonObject().put("bind", "127.0.0.1").put("port", 0))
        .put("web", new JsonObject().put("enabled", false))
        .put("inference", new JsonObject().put("serve_turns", false).put("default_model", "bench-zero-cost")
            .put("models", new JsonObject().put("bench-zero-cost", new JsonObject().put("provider", "openai")
                // a name for the registry only: turns never leave the hub's event bus in this run
                .put("base_url", "http://127.0.0.1:9/v1").put("model", "zero-cost"))))
        .put("quota", new JsonObject().put("user", limits).put("agent", limits.copy()));
  }

  private static double since(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static void log(String format, Object... args) {
    System.err.println(String.format(java.util.Locale.ROOT, format, args));
  }

  @Override
  public void close() {
    hubSenders.close();
    baselineSenders.close();
    vertx.close().await();
    baselineXmpp.close();
    servers.close();
  }
}

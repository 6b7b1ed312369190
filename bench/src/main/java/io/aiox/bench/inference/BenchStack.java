package io.aiox.bench.inference;

import io.aiox.schema.Database;
import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.migration.Migrator;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.PostgresServer;
import io.aiox.testkit.TestServers;
import io.aiox.worker.inference.Engine;
import io.aiox.worker.inference.InferenceSetup;
import io.aiox.worker.inference.InferenceVerticle;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.inference.local.LlamaEngine;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.turn.TurnCodec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the verticle needs, started for real: PostgreSQL and Redis from the testkit, the migrated schema, the
 * verticle with one local model, a user and an agent on that model. The direct engine is loaded from the same file
 * after the verticle, so both paths share one llama.cpp model (loaded once per JVM) and its worker pool.
 */
final class BenchStack implements AutoCloseable {
  static final String MODEL = "bench";
  private static final String AGENTS_DOMAIN = "agents.bench.localhost";
  private static final int QUEUE_LIMIT = 8;

  final TestServers servers;
  final Vertx vertx;
  final Engine engine;
  final Agent agent;
  final Sampling sampling;

  private BenchStack(TestServers servers, Vertx vertx, Engine engine, Agent agent) {
    this.servers = servers;
    this.vertx = vertx;
    this.engine = engine;
    this.agent = agent;
    this.sampling = Sampling.of(agent.llmConfig());
  }

  static BenchStack start(BenchOptions o) {
    TestServers servers = new TestServers();
    CompletableFuture.allOf(CompletableFuture.runAsync(servers::postgres), CompletableFuture.runAsync(servers::redis))
        .join();
    PostgresServer pg = servers.postgres();
    DatabaseConfig db = new DatabaseConfig(pg.host(), pg.port(), "aiox_bench", DatabaseConfig.DEFAULT_USER,
        UUID.randomUUID().toString(), pg.adminUser(), pg.adminPassword(), DatabaseConfig.DEFAULT_POOL_SIZE);
    Migrator.migrate(db);
    Vertx vertx = TurnCodec.register(Vertx.vertx());
    Database database = Database.connect(vertx, db).await();
    // As the hub configures it: every turn reads and appends the peer's context.
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(servers.redis().uri())
        .setMaxPoolSize(16).setMaxPoolWaiting(4_096));
    ModelRegistry models = ModelRegistry.fromJson(registry(o));
    InferenceVerticle verticle = new InferenceVerticle(InferenceSetup.of(database, redis, models, AGENTS_DOMAIN));
    vertx.deployVerticle(verticle).await();
    if (!verticle.unavailable().isEmpty()) {
      throw new IllegalStateException("the model did not load: " + verticle.unavailable());
    }
    Engine engine = LlamaEngine.load(vertx, models.get(MODEL).orElseThrow(), models.queueLimit()).await();
    return new BenchStack(servers, vertx, engine, agent(database, o));
  }

  private static JsonObject registry(BenchOptions o) {
    return new JsonObject().put("default_model", MODEL).put("queue_limit", QUEUE_LIMIT)
        .put("models", new JsonObject().put(MODEL, new JsonObject().put("path", o.model().toString())
            .put("context_size", 4096).put("threads", o.threads()).put("slots", o.slots())));
  }

  /** Greedy sampling (temperature 0), so no seed is needed: the same prompt gives the same tokens on both paths. */
  private static Agent agent(Database database, BenchOptions o) {
    User owner = new UserRepository(database.ownerScope()).create("bench", "bench@bench.localhost").await();
    JsonObject llm = new JsonObject().put("model", MODEL).put("max_tokens", o.maxTokens()).put("temperature", 0.0)
        .put("top_p", 0.95);
    return new AgentRepository(database.ownerScope(), AGENTS_DOMAIN).create(owner.id(),
        new NewAgent(new JsonObject().put("name", "Bench"), llm, null, null, null, Visibility.PRIVATE)).await();
  }

  /** The system line the verticle builds for an agent with a name only (PromptAssembly.systemPrompt). */
  String systemPrompt() {
    return "You are " + agent.name() + ".";
  }

  @Override
  public void close() {
    vertx.close().await();
    servers.close();
  }
}

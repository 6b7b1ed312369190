package io.aiox.policy.quota;

import io.aiox.schema.TestDatabase;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test fixture: a fresh database, Redis clients on a given server, and owners with agents to spend quota on. */
final class QuotaTestbed implements AutoCloseable {
  final TestDatabase db;
  final QuotaRepository repository;
  private final String redisUri;
  private final List<Redis> clients = new ArrayList<>();

  private QuotaTestbed(TestDatabase db, String redisUri) {
    this.db = db;
    this.repository = new QuotaRepository(db.database.ownerScope());
    this.redisUri = redisUri;
  }

  static QuotaTestbed create(TestServers servers, String redisUri) {
    return new QuotaTestbed(TestDatabase.create(servers), redisUri);
  }

  /**
   * No limit anywhere: a test sets the one it checks. The check timeout is generous: on a loaded 2-core machine
   * the first checks (cold statements, the script loaded into Redis) took over the hub's 2 s default once.
   */
  static QuotaDefaults open(Duration slotTtl) {
    return new QuotaDefaults(Limits.unlimited(), Limits.unlimited(), Limits.unlimited(), slotTtl,
        Duration.ofSeconds(10));
  }

  /** A Redis client of its own, as a separate hub would have. */
  Redis redis() {
    Redis r = Redis.createClient(db.vertx, new RedisOptions().setConnectionString(redisUri).setMaxPoolSize(16)
        .setMaxPoolWaiting(4_096));
    clients.add(r);
    return r;
  }

  Quotas quotas(QuotaDefaults defaults) {
    return new Quotas(db.vertx, redis(), repository, defaults);
  }

  /** A new owner with one agent. */
  Agent agent() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    User owner = new UserRepository(db.database.ownerScope()).create(name, name + "@hub.test").await();
    return new AgentRepository(db.database.ownerScope(), "agents.hub.test")
        .create(owner.id(), NewAgent.named("Quota test", Visibility.PRIVATE)).await();
  }

  static QuotaRequest request(Agent agent, JsonObject governance, long tokens) {
    return new QuotaRequest(agent.owner(), agent.id(), governance, Optional.empty(), tokens);
  }

  static QuotaRequest remote(Agent agent, JsonObject governance, String domain, long tokens) {
    return new QuotaRequest(agent.owner(), agent.id(), governance, Optional.of(domain), tokens);
  }

  /** One number from the database, read as the admin role (past row-level security). */
  long number(String sql, Object... args) throws Exception {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      ResultSet rs = q.executeQuery();
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  void execute(String sql, Object... args) throws Exception {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      q.execute();
    }
  }

  static <T> List<T> awaitAll(List<Future<T>> futures) {
    Future.all(futures).await();
    return futures.stream().map(Future::result).toList();
  }

  @Override
  public void close() {
    clients.forEach(Redis::close);
    db.close();
  }
}

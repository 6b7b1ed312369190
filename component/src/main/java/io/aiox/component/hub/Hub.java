package io.aiox.component.hub;

import io.aiox.component.xmpp.ComponentVerticle;
import io.aiox.component.xmpp.stream.StreamLimits;
import io.aiox.schema.Database;
import io.aiox.schema.migration.Migrator;
import io.aiox.worker.inference.InferenceVerticle;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.agent.AgentRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.logging.Logger;

/**
 * One hub process. Start-up order: schema (migrations, then the hub role's pool), Redis, the XMPP component; each
 * step that fails
 * stops start-up with a message naming the server. Governance fails closed, so a hub that cannot reach its
 * stores does not start at all.
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Hub.class.getName());

  private final Vertx vertx;
  private final Database database;
  private final Redis redis;

  private Hub(Vertx vertx, Database database, Redis redis) {
    this.vertx = vertx;
    this.database = database;
    this.redis = redis;
  }

  public static Hub start(HubConfig config) {
    int applied = Migrator.migrate(config.database());
    LOG.info(() -> "schema ready on " + config.database().describe() + " (" + applied + " migrations applied now)");
    Vertx vertx = Vertx.vertx();
    try {
      Database database = Database.connect(vertx, config.database()).await();
      Redis redis = connectRedis(vertx, config.redisUri()).await();
      LOG.info(() -> "Redis ready at " + config.redisUri());
      // Inference first: when the component connects, turns have somewhere to go.
      if (config.models().serveTurns()) {
        Vault vault = config.security().configured() ? Vault.create(vertx, database,
            new AgentRepository(database.ownerScope(), config.xmpp().componentDomain()), config.security()) : null;
        vertx.deployVerticle(new InferenceVerticle(database, redis, config.models(), config.xmpp().componentDomain(),
            vault).withMemory(config.memory())).await();
      }
      vertx.deployVerticle(new ComponentVerticle(config.xmpp(), StreamLimits.DEFAULTS, database, redis,
          config.models(), config.quota(), config.federation())).await();
      return new Hub(vertx, database, redis);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  private static Future<Redis> connectRedis(Vertx vertx, String uri) {
    // Every turn touches Redis; the default wait queue (24) would refuse bursts that a pool of 16 drains quickly.
    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri).setMaxPoolSize(16)
        .setMaxPoolWaiting(4_096));
    return redis.send(Request.cmd(Command.PING))
        .map(pong -> redis)
        .recover(e -> {
          redis.close();
          return Future.failedFuture(new IllegalStateException("Redis at " + uri + " is unreachable: " + e.getMessage(), e));
        });
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    redis.close();
    database.close();
    vertx.close().await();
  }
}

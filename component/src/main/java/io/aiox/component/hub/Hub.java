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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One hub process. Start-up order: schema (migrations, then the hub role's pool), Redis, the XMPP component; each
 * step that fails
 * stops start-up with a message naming the server. Governance fails closed, so a hub that cannot reach its
 * stores does not start at all.
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Hub.class.getName());

  /** How long each step of {@link #close()} may take before the hub goes on without it. */
  private static final long CLOSE_STEP_SECONDS = 10;

  private final Vertx vertx;
  private final Database database;
  private final Redis redis;
  /** Deployment ids, in the order they were deployed; closing undeploys them in reverse. */
  private final List<String> deployments;

  private Hub(Vertx vertx, Database database, Redis redis, List<String> deployments) {
    this.vertx = vertx;
    this.database = database;
    this.redis = redis;
    this.deployments = deployments;
  }

  public static Hub start(HubConfig config) {
    int applied = Migrator.migrate(config.database());
    LOG.info(() -> "schema ready on " + config.database().describe() + " (" + applied + " migrations applied now)");
    Vertx vertx = Vertx.vertx();
    try {
      Database database = Database.connect(vertx, config.database()).await();
      Redis redis = connectRedis(vertx, config.redisUri()).await();
      LOG.info(() -> "Redis ready at " + config.redisUri());
      List<String> deployments = new ArrayList<>();
      // Inference first: when the component connects, turns have somewhere to go.
      if (config.models().serveTurns()) {
        Vault vault = config.security().configured() ? Vault.create(vertx, database,
            new AgentRepository(database.ownerScope(), config.xmpp().componentDomain()), config.security()) : null;
        deployments.add(vertx.deployVerticle(new InferenceVerticle(database, redis, config.models(),
            config.xmpp().componentDomain(), vault).withMemory(config.memory())).await());
      }
      deployments.add(vertx.deployVerticle(new ComponentVerticle(config.xmpp(), StreamLimits.DEFAULTS, database,
          redis, config.models(), config.quota(), config.federation())).await());
      return new Hub(vertx, database, redis, deployments);
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

  /**
   * Stops in the reverse order of start-up: the component first (its agents say goodbye while the stores are still
   * there), then inference, then the clients and Vert.x. Each step is bounded, so a server that stopped answering
   * cannot hold the process.
   */
  @Override
  public void close() {
    for (String id : deployments.reversed()) {
      bounded("undeploying " + id, vertx.undeploy(id));
    }
    bounded("closing Redis", redis.close());
    bounded("closing the database pool", database.pool().close());
    bounded("closing Vert.x", vertx.close());
  }

  private static void bounded(String step, Future<?> future) {
    try {
      future.await(CLOSE_STEP_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warning(() -> step + " took over " + CLOSE_STEP_SECONDS + " s; going on without it");
    } catch (RuntimeException e) {
      LOG.warning(() -> step + " failed: " + e);
    }
  }
}

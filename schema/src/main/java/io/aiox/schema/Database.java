package io.aiox.schema;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The hub's connection pool, logged in as the hub role; {@link #connect} fails naming the server. */
public final class Database implements AutoCloseable {
  private final Pool pool;
  private final DatabaseConfig config;

  private Database(Pool pool, DatabaseConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Opens the pool and proves a login works before anyone relies on it. */
  public static Future<Database> connect(Vertx vertx, DatabaseConfig config) {
    PgConnectOptions connect = new PgConnectOptions().setHost(config.host()).setPort(config.port())
        .setDatabase(config.database()).setUser(config.user()).setPassword(config.password())
        .setCachePreparedStatements(true).setReconnectAttempts(0);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.poolSize()))
        .connectingTo(connect).using(vertx).build();
    return pool.query("SELECT 1").execute()
        .<Database>map(rows -> new Database(pool, config))
        .recover(e -> pool.close().transform(ignored -> Future.failedFuture(
            new SchemaException(config.describe() + " is unreachable as " + config.user() + ": " + e.getMessage(), e))));
  }

  public Pool pool() {
    return pool;
  }

  public OwnerScope ownerScope() {
    return new OwnerScope(pool);
  }

  public DatabaseConfig config() {
    return config;
  }

  @Override
  public void close() {
    pool.close();
  }
}

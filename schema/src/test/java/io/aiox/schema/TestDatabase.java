package io.aiox.schema;

import io.aiox.schema.migration.Migrator;
import io.aiox.testkit.PostgresServer;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Test fixture: a fresh, migrated database on the test JVM's PostgreSQL, with the hub's pool open on it. */
public final class TestDatabase implements AutoCloseable {
  public static final String HUB_PASSWORD = "hub-test-password";

  public final DatabaseConfig config;
  public final Vertx vertx = Vertx.vertx();
  public final Database database;

  private TestDatabase(DatabaseConfig config) {
    this.config = config;
    Migrator.migrate(config);
    this.database = Database.connect(vertx, config).await();
  }

  public static TestDatabase create(TestServers servers) {
    return new TestDatabase(configFor(servers.postgres(), servers.postgres().newDatabase()));
  }

  public static DatabaseConfig configFor(PostgresServer pg, String database) {
    return new DatabaseConfig(pg.host(), pg.port(), database, DatabaseConfig.DEFAULT_USER, HUB_PASSWORD,
        pg.adminUser(), pg.adminPassword(), 4);
  }

  /** A plain JDBC session as the hub role: for hand-written queries that try to get around the repositories. */
  public Connection hubJdbc() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl(config.database()), config.user(), config.password());
  }

  public Connection adminJdbc() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl(config.database()), config.adminUser(), config.adminPassword());
  }

  @Override
  public void close() {
    database.close();
    vertx.close().await();
  }
}

package io.aiox.schema.migration;

import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.SchemaException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a PostgreSQL server to the current schema; safe to run at every start-up and from several hubs. */
public final class Migrator {
  public static final String LOCATION = "classpath:db/migration";

  private Migrator() {}

  /** Bootstraps and migrates with the project's migrations; returns how many were applied now. */
  public static int migrate(DatabaseConfig config) {
    return migrate(config, List.of());
  }

  /** As {@link #migrate(DatabaseConfig)} with further migration locations (a deployment's own, or a test's). */
  public static int migrate(DatabaseConfig config, List<String> extraLocations) {
    bootstrap(config);
    List<String> locations = new ArrayList<>(List.of(LOCATION));
    locations.addAll(extraLocations);
    Flyway flyway = Flyway.configure()
        .dataSource(config.jdbcUrl(config.database()), config.adminUser(), config.adminPassword())
        .locations(locations.toArray(String[]::new))
        .placeholders(Map.of("hub_role", config.user()))
        .connectRetries(0)
        .load();
    try {
      MigrateResult result = flyway.migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new SchemaException("schema migration failed on " + config.describe() + ": " + firstLines(e.getMessage()), e);
    }
  }

  /** Creates the hub role (never superuser, never BYPASSRLS), the database and the vector extension if missing. */
  static void bootstrap(DatabaseConfig config) {
    try (Connection c = DriverManager.getConnection(config.jdbcUrl("postgres"), config.adminUser(), config.adminPassword());
         Statement s = c.createStatement()) {
      String role = config.user();
      String password = "'" + config.password().replace("'", "''") + "'";
      boolean roleExists = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'").next();
      s.execute((roleExists ? "ALTER ROLE " : "CREATE ROLE ") + role
          + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD " + password);
      String db = config.database().replace("\"", "\"\"");
      if (!s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + config.database().replace("'", "''") + "'").next()) {
        s.execute("CREATE DATABASE \"" + db + "\"");
      }
    } catch (SQLException e) {
      throw new SchemaException(config.describe() + " is unreachable or refused the bootstrap as "
          + config.adminUser() + ": " + e.getMessage(), e);
    }
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(config.database()), config.adminUser(), config.adminPassword());
         Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS vector");
    } catch (SQLException e) {
      throw new SchemaException(config.describe() + ": cannot enable the pgvector extension (is pgvector installed? "
          + "./aiox setup installs it): " + e.getMessage(), e);
    }
  }

  private static String firstLines(String message) {
    if (message == null) {
      return "(no message)";
    }
    String[] lines = message.strip().split("\n");
    return String.join(" ", List.of(lines).subList(0, Math.min(lines.length, 6))).replaceAll("\\s+", " ");
  }
}

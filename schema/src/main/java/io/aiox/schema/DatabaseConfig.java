package io.aiox.schema;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * Where the hub's database is and how it logs in. The hub runs as {@code user} (no superuser, no BYPASSRLS);
 * migrations run as {@code adminUser}, which owns the tables.
 */
public record DatabaseConfig(String host, int port, String database, String user, String password,
                             String adminUser, String adminPassword, int poolSize) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5432;
  public static final String DEFAULT_DATABASE = "aiox";
  public static final String DEFAULT_USER = "aiox_hub";
  public static final int DEFAULT_POOL_SIZE = 8;
  private static final Set<String> KEYS =
      Set.of("host", "port", "database", "user", "password", "adminUser", "adminPassword", "poolSize");

  public DatabaseConfig {
    requireText("host", host);
    requireText("database", database);
    requireIdentifier("user", user);
    requireIdentifier("adminUser", adminUser);
    Objects.requireNonNull(password, "database.password");
    Objects.requireNonNull(adminPassword, "database.adminPassword");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("database.port must be 1..65535, was " + port);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("database.poolSize must be at least 1, was " + poolSize);
    }
  }

  /** Reads the {@code database} section of the hub's configuration; unknown keys are refused by name. */
  public static DatabaseConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("database", json, KEYS);
    return new DatabaseConfig(s.string("host", DEFAULT_HOST), s.integer("port", DEFAULT_PORT),
        s.string("database", DEFAULT_DATABASE), s.string("user", DEFAULT_USER), s.string("password", ""),
        s.string("adminUser", "aiox_admin"), s.string("adminPassword", ""), s.integer("poolSize", DEFAULT_POOL_SIZE));
  }

  public String jdbcUrl(String db) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + db;
  }

  /** "PostgreSQL at host:port", the name every error uses. */
  public String describe() {
    return "PostgreSQL at " + host + ":" + port + " (database " + database + ")";
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("database." + key + " must be set");
    }
  }

  private static void requireIdentifier(String key, String value) {
    if (value == null || !value.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database." + key + " must be a plain lower-case SQL identifier, was " + value);
    }
  }
}

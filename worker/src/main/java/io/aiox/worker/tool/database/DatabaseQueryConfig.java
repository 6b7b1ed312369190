package io.aiox.worker.tool.database;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The operator's bounds for {@code database_query} (the {@code tools.database_query} section); the connection
 * itself is the owner's.
 *
 * @param maxRows {@code max_rows}: rows a query returns at most (default 100); the rest is reported as truncated
 */
public record DatabaseQueryConfig(int maxRows) {
  public static final String PREFIX = "tools.database_query";
  public static final int DEFAULT_MAX_ROWS = 100;
  public static final int MAX_ROWS = 10_000;
  public static final DatabaseQueryConfig DEFAULTS = new DatabaseQueryConfig(DEFAULT_MAX_ROWS);
  private static final Set<String> KEYS = Set.of("max_rows");

  public static DatabaseQueryConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("tools.database_query", json, KEYS);
    return new DatabaseQueryConfig(s.integer("max_rows", DEFAULT_MAX_ROWS, 1, MAX_ROWS));
  }
}

package io.aiox.worker.tool.database;

import io.aiox.worker.tool.ToolFailed;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The owner's {@code postgresql://} URL, as stored in the secret {@code db:<name>}: parsed by the PostgreSQL
 * client, with a host that the network rule can judge (a name or an address, not a local socket folder). Errors
 * never repeat the URL, which may hold a password.
 */
final class ConnectionUrl {
  private ConnectionUrl() {}

  static PgConnectOptions parse(String secretName, String url) {
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new ToolFailed("the secret " + secretName + " must hold a postgresql:// URL");
    }
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new ToolFailed("the secret " + secretName + " is not a valid postgresql:// URL");
    }
    String host = options.getHost();
    if (host == null || host.isBlank() || host.startsWith("/")) {
      throw new ToolFailed("the URL in " + secretName + " must name a host (a local socket is not reachable)");
    }
    return options.setCachePreparedStatements(false).addProperty("application_name", "aiox-database-query");
  }
}

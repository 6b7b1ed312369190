package io.aiox.schema.external;

import io.vertx.pgclient.PgException;
import java.time.Duration;

/** What a failed query tells its caller: the rule it broke, or PostgreSQL's own message and state. */
final class PgFailures {
  /** SQLSTATE read_only_sql_transaction: the statement tried to write. */
  private static final String READ_ONLY = "25006";
  /** SQLSTATE query_canceled: the statement timeout ended it. */
  private static final String CANCELED = "57014";
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private PgFailures() {}

  static RuntimeException describe(Throwable e, Duration timeout) {
    if (e instanceof QueryRefused || e instanceof QueryFailed) {
      return (RuntimeException) e;
    }
    if (e instanceof PgException pg) {
      return switch (pg.getSqlState() == null ? "" : pg.getSqlState()) {
        case READ_ONLY -> new QueryRefused("the query would change data (" + pg.getErrorMessage()
            + "); database_query only reads");
        case CANCELED, LOCK_NOT_AVAILABLE -> new QueryFailed("the query did not finish within "
            + timeout.toSeconds() + " s (statement_timeout)");
        default -> new QueryFailed("PostgreSQL: " + pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")");
      };
    }
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new QueryFailed("the database could not be used: " + text);
  }
}

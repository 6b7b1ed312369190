package io.aiox.schema.external;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs one read-only query on an owner's PostgreSQL database, on a connection of its own that is closed afterwards.
 * In order: {@code BEGIN READ ONLY} (so nothing the statement calls can write, not even at plan time),
 * {@code statement_timeout} and {@code lock_timeout} local to the transaction, a check of the text's first word,
 * {@code EXPLAIN} of the statement as a prepared statement (PostgreSQL refuses two statements there) whose plan
 * must read only allowed tables and modify nothing, then the statement itself through a cursor that fetches at
 * most {@code maxRows}, and {@code ROLLBACK}. The whole call is bounded by a timer on top of the server's timeout.
 */
public final class ReadOnlyQuery {
  /** The bounds of one query: the server-side timeout, and how many rows and bytes of them come back. */
  public record Limits(Duration timeout, int maxRows, int maxBytes) {}

  private final Vertx vertx;

  public ReadOnlyQuery(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Runs {@code sql} on the database {@code options} describe. Fails with {@link QueryRefused} when the statement is
   * not a single read of allowed tables, and with {@link QueryFailed} when it cannot run.
   */
  public Future<QueryRows> run(PgConnectOptions options, String sql, Set<TableName> allowed, Limits limits) {
    String refusal = QueryText.refusal(sql);
    if (refusal != null) {
      return Future.failedFuture(new QueryRefused(refusal));
    }
    long budget = limits.timeout().toMillis() + 2_000; // the server's own timeout should end the statement first
    Promise<QueryRows> result = Promise.promise();
    long timer = vertx.setTimer(budget, id -> result.tryFail(new QueryFailed("the database did not answer within "
        + budget / 1_000 + " s")));
    PgConnection.connect(vertx, options).onComplete(connected -> {
      if (connected.failed()) {
        result.tryFail(connected.cause());
        return;
      }
      SqlConnection conn = connected.result();
      result.future().onComplete(r -> conn.close()); // also when the timer gave up on it
      inTransaction(conn, sql, allowed, limits).onComplete(result::tryComplete, result::tryFail);
    });
    return result.future().andThen(r -> vertx.cancelTimer(timer))
        .recover(e -> Future.failedFuture(PgFailures.describe(e, limits.timeout())));
  }

  private static Future<QueryRows> inTransaction(SqlConnection conn, String sql, Set<TableName> allowed,
                                                 Limits limits) {
    String millis = Long.toString(limits.timeout().toMillis());
    return conn.query("BEGIN READ ONLY").execute()
        .compose(v -> conn.preparedQuery("SELECT set_config('statement_timeout', $1, true),"
            + " set_config('lock_timeout', $1, true)").execute(Tuple.of(millis)))
        .compose(v -> conn.preparedQuery("EXPLAIN (VERBOSE, FORMAT JSON) " + sql).execute())
        .compose(plan -> check(QueryPlan.of(plan.iterator().next().getValue(0)), allowed))
        .compose(v -> conn.prepare(sql))
        .compose(statement -> read(statement, limits))
        .eventually(() -> conn.query("ROLLBACK").execute());
  }

  private static Future<Void> check(QueryPlan plan, Set<TableName> allowed) {
    if (plan.modification().isPresent()) {
      return Future.failedFuture(new QueryRefused("the query would modify data (" + plan.modification().get()
          + "); database_query only reads"));
    }
    for (TableName table : plan.relations()) {
      if (!allowed.contains(table)) {
        return Future.failedFuture(new QueryRefused("the query reads " + table + ", which is not in the agent's"
            + " allowed_tables"));
      }
    }
    return Future.succeededFuture();
  }

  private static Future<QueryRows> read(PreparedStatement statement, Limits limits) {
    Cursor cursor = statement.cursor();
    return cursor.read(limits.maxRows()).map(rows -> rows(rows, cursor.hasMore(), limits.maxBytes()))
        .eventually(cursor::close);
  }

  private static QueryRows rows(RowSet<Row> set, boolean more, int maxBytes) {
    List<String> columns = set.columnsNames() == null ? List.of() : set.columnsNames();
    JsonArray rows = new JsonArray();
    int bytes = 0;
    for (Row row : set) {
      JsonArray values = CellValues.of(row);
      bytes += values.encode().length();
      if (bytes > maxBytes) {
        return new QueryRows(columns, rows, true);
      }
      rows.add(values);
    }
    return new QueryRows(columns, rows, more);
  }
}

package io.aiox.schema;

import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Runs work in a transaction that acts for one owner: {@code aiox.owner_id} is set local to the transaction, so
 * row-level security admits that owner's rows only, and a pooled connection never carries it to the next user.
 */
public final class OwnerScope {
  /** The statement that scopes a transaction to the owner in {@code $1}; every owner-scoped transaction runs it first. */
  public static final String SET_OWNER = "SELECT set_config('aiox.owner_id', $1, true)";

  private final Pool pool;

  public OwnerScope(Pool pool) {
    this.pool = pool;
  }

  public <T> Future<T> run(OwnerId owner, Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(conn -> conn
        .preparedQuery(SET_OWNER)
        .execute(Tuple.of(owner.toString()))
        .compose(ignored -> work.apply(conn)));
  }

  /** Work that needs no owner: only the SECURITY DEFINER lookups admit rows here. */
  public Pool pool() {
    return pool;
  }
}

package io.aiox.schema.quota;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Reads the owner's quota row; a day that has passed counts as nothing used. */
public final class QuotaRepository {
  private final OwnerScope scope;

  public QuotaRepository(OwnerScope scope) {
    this.scope = scope;
  }

  public Future<QuotaUsage> usage(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT day, tokens_used_today, tokens_used_minute,"
            + " (day = (now() AT TIME ZONE 'UTC')::date) AS today,"
            + " (last_reset > now() - interval '1 minute') AS this_minute FROM user_quotas WHERE user_id = $1")
        .execute(Tuple.of(owner.value())).map(rows -> {
          if (rows.size() == 0) {
            return QuotaUsage.none();
          }
          Row r = rows.iterator().next();
          if (!r.getBoolean("today")) {
            return QuotaUsage.none();
          }
          return new QuotaUsage(r.getLocalDate("day"), r.getLong("tokens_used_today"),
              r.getBoolean("this_minute") ? r.getLong("tokens_used_minute") : 0);
        }));
  }
}

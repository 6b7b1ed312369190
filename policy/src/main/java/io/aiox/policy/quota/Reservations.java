package io.aiox.policy.quota;

import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * Grows an admitted turn's reservation once its prompt is built. Admission reserves what the component can know
 * (the message and the most the model may write); the worker then knows the prompt as it will be sent (system
 * prompt, recalled memories, history) and reserves the rest before any model runs, against the limits the turn was
 * admitted under, atomically in every scope. So a turn only ever runs on tokens it holds, and concurrent turns never
 * together pass a limit by more than the one turn a limit lets run alone. Needs only Redis: the limits travel with
 * the turn's own hash.
 */
public final class Reservations {
  private final Redis redis;

  public Reservations(Redis redis) {
    this.redis = redis;
  }

  /**
   * Makes {@code reservation} hold {@code total} tokens. {@link Admitted} with the grown reservation (or the same one
   * when it already holds that many); {@link QuotaOutcome.Refused} naming the limit, with the reservation as it was
   * (the caller settles it); {@link Unavailable} when Redis cannot be reached or the turn is no longer reserved.
   */
  public Future<QuotaOutcome> growTo(Reservation reservation, long total) {
    long more = total - reservation.tokens();
    if (more <= 0) {
      return Future.succeededFuture(new Admitted(reservation));
    }
    List<ScopeKeys.Ref> scopes = ScopeKeys.scopes(reservation.payer(), reservation.agent(), reservation.remoteDomain());
    return QuotaScripts.EXTEND.run(redis, ScopeKeys.keys(scopes, reservation.id()),
            List.of(reservation.id(), Long.toString(more)))
        .map(r -> switch (r.get(0).toInteger()) {
          case 1 -> (QuotaOutcome) new Admitted(reservation.holding(r.get(1).toLong()));
          case 0 -> ScopeKeys.refused(r, scopes, total);
          default -> new Unavailable("no turn can run now: its quota reservation ended before the prompt was ready;"
              + " try again", "reservation " + reservation.id() + " is not held in Redis");
        })
        .otherwise(e -> Unavailable.storeDown("Redis", e));
  }
}

package io.aiox.web.auth;

import io.aiox.schema.id.OwnerId;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;
import java.time.Clock;

/**
 * {@code web.rate_per_minute} requests per user and clock minute, counted in Redis so every hub instance draws from
 * the same allowance. Over it: a 429 problem with {@code retry-after} until the next minute.
 */
public final class RateLimit {
  private final Redis redis;
  private final int perMinute;
  private final Clock clock;

  public RateLimit(Redis redis, int perMinute, Clock clock) {
    this.redis = redis;
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Counts one request of {@code owner}; fails with a 429 problem when the minute's allowance is spent. */
  public Future<Void> take(OwnerId owner) {
    long now = clock.millis();
    long minute = now / 60_000;
    String key = "aiox:web:rate:" + owner + ":" + minute;
    return redis.send(Request.cmd(Command.INCR).arg(key)).compose(count -> {
      long n = count.toLong();
      Future<Void> expiry = n == 1 ? redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(120)).mapEmpty()
          : Future.succeededFuture();
      if (n <= perMinute) {
        return expiry;
      }
      long retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
      return expiry.compose(ignored -> Future.failedFuture(ProblemException.tooManyRequests("more than " + perMinute
          + " requests this minute (web.rate_per_minute); try again in " + retryAfter + " s", retryAfter)));
    });
  }
}

package io.aiox.policy.tool;

import io.aiox.schema.id.AgentId;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Calls per agent, tool and clock minute, counted in Redis: the increment and the key's expiry happen in one Lua
 * script, so concurrent calls on several hubs share one exact count and no counter outlives its minute.
 */
public final class ToolRateLimiter {
  private static final String COUNT = """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return n
      """;
  private static final long MINUTE_MS = 60_000;

  private final Redis redis;

  public ToolRateLimiter(Redis redis) {
    this.redis = redis;
  }

  /** Counts one call; true while the minute's count is within {@code perMinute} (0: no limit, nothing counted). */
  public Future<Boolean> tryAcquire(AgentId agent, String tool, int perMinute) {
    if (perMinute <= 0) {
      return Future.succeededFuture(true);
    }
    long minute = System.currentTimeMillis() / MINUTE_MS;
    String key = "aiox:tool:rate:" + agent + ":" + tool + ":" + minute;
    return redis.send(Request.cmd(Command.EVAL).arg(COUNT).arg(1).arg(key).arg(MINUTE_MS + 1_000))
        .map(Response::toLong).map(n -> n <= perMinute);
  }

  /** Seconds until the current minute ends, for a refusal's text. */
  public static long secondsLeftInMinute() {
    return (MINUTE_MS - System.currentTimeMillis() % MINUTE_MS + 999) / 1_000;
  }
}

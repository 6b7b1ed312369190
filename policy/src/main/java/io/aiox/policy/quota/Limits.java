package io.aiox.policy.quota;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The four limits of one scope. A value is a whole number of tokens, messages or turns; {@link #UNLIMITED} (-1)
 * means no limit and 0 allows nothing.
 */
public record Limits(long tokensPerMinute, long tokensPerDay, long messagesPerMinute, long concurrentTurns) {
  public static final long UNLIMITED = -1;

  public Limits {
    for (long v : new long[] {tokensPerMinute, tokensPerDay, messagesPerMinute, concurrentTurns}) {
      if (v < UNLIMITED) {
        throw new IllegalArgumentException("a limit is a whole number >= 0, or -1 for no limit; was " + v);
      }
    }
  }

  public static Limits unlimited() {
    return new Limits(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED);
  }

  public long get(Limit limit) {
    return switch (limit) {
      case TOKENS_PER_MINUTE -> tokensPerMinute;
      case TOKENS_PER_DAY -> tokensPerDay;
      case MESSAGES_PER_MINUTE -> messagesPerMinute;
      case CONCURRENT_TURNS -> concurrentTurns;
    };
  }

  /**
   * These limits with those that {@code source} sets replaced; other keys of {@code source} are not limits and are
   * ignored. A bad value fails naming {@code where} and the key.
   */
  public Limits overriddenBy(JsonObject source, String where) {
    Map<Limit, Long> values = new EnumMap<>(Limit.class);
    for (Limit limit : Limit.values()) {
      values.put(limit, source == null || !source.containsKey(limit.key()) ? get(limit)
          : parse(source.getValue(limit.key()), where + "." + limit.key()));
    }
    return new Limits(values.get(Limit.TOKENS_PER_MINUTE), values.get(Limit.TOKENS_PER_DAY),
        values.get(Limit.MESSAGES_PER_MINUTE), values.get(Limit.CONCURRENT_TURNS));
  }

  private static long parse(Object value, String key) {
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= UNLIMITED) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException(key + " must be a whole number >= 0, or -1 for no limit; was " + value);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (Limit limit : Limit.values()) {
      json.put(limit.key(), get(limit));
    }
    return json;
  }
}

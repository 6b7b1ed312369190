package io.aiox.policy.quota;

import io.aiox.policy.quota.QuotaStatus.Usage;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the status script's flat answer into a {@link QuotaStatus}. */
final class StatusReader {
  private static final int WINDOW_SECONDS = 61;
  private static final int PER_SCOPE = 7;

  private StatusReader() {}

  static QuotaStatus read(Response r, List<QuotaScope> scopes, ScopedLimits limits) {
    Instant at = Instant.ofEpochMilli(r.get(0).toLong());
    LocalDate day = LocalDate.ofEpochDay(r.get(1).toLong());
    Instant midnight = Instant.ofEpochSecond(day.plusDays(1).toEpochDay() * 86_400);
    List<Usage> usages = new ArrayList<>();
    for (int i = 0; i < scopes.size(); i++) {
      int base = 2 + i * PER_SCOPE;
      QuotaScope scope = scopes.get(i);
      Limits l = limits.of(scope);
      usages.add(new Usage(scope, Limit.TOKENS_PER_MINUTE, l.tokensPerMinute(), r.get(base).toLong(),
          leaves(r.get(base + 4).toLong())));
      usages.add(new Usage(scope, Limit.TOKENS_PER_DAY, l.tokensPerDay(), r.get(base + 2).toLong(),
          Optional.of(midnight)));
      usages.add(new Usage(scope, Limit.MESSAGES_PER_MINUTE, l.messagesPerMinute(), r.get(base + 1).toLong(),
          leaves(r.get(base + 5).toLong())));
      long slot = r.get(base + 6).toLong();
      usages.add(new Usage(scope, Limit.CONCURRENT_TURNS, l.concurrentTurns(), r.get(base + 3).toLong(),
          slot < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(slot))));
    }
    return new QuotaStatus(at, day, usages);
  }

  /** When the window's oldest counted second leaves it; empty when nothing is counted. */
  private static Optional<Instant> leaves(long oldestSecond) {
    return oldestSecond < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(oldestSecond + WINDOW_SECONDS));
  }
}

package io.aiox.policy.quota;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What an owner has used and has left, per scope and limit, as of {@code at} (Redis' clock); {@code day} is the
 * UTC day the daily totals count. For the {@code quota} ad-hoc command and the web console ({@link #toJson()}).
 */
public record QuotaStatus(Instant at, LocalDate day, List<Usage> usages) {
  public QuotaStatus {
    usages = List.copyOf(usages);
  }

  /**
   * One limit's standing. {@code resetsAt}: for per-minute limits when the oldest counted use leaves the window
   * (empty when nothing is counted), for the daily limit the next UTC midnight, for concurrent turns when the
   * oldest running turn's slot expires at the latest.
   */
  public record Usage(QuotaScope scope, Limit limit, long limitValue, long used, Optional<Instant> resetsAt) {
    public boolean unlimited() {
      return limitValue == Limits.UNLIMITED;
    }

    /** What is left, or -1 when there is no limit. */
    public long remaining() {
      return unlimited() ? -1 : Math.max(limitValue - used, 0);
    }

    /** "1200 of 2000 left (used 800); resets at 2025-01-01 12:00:00 UTC". */
    public String text() {
      String reset = resetsAt.map(t -> "; resets at " + UTC.format(t.truncatedTo(ChronoUnit.SECONDS))).orElse("");
      return unlimited() ? "no limit (used " + used + ")"
          : remaining() + " of " + limitValue + " left (used " + used + ")" + reset;
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("scope", scope.configName()).put("limit", limit.key())
          .put("max", unlimited() ? null : limitValue).put("used", used)
          .put("remaining", unlimited() ? null : remaining());
      resetsAt.ifPresent(t -> json.put("resets_at", t.toString()));
      return json;
    }
  }

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  public Optional<Usage> usage(QuotaScope scope, Limit limit) {
    return usages.stream().filter(u -> u.scope() == scope && u.limit() == limit).findFirst();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    usages.forEach(u -> list.add(u.toJson()));
    return new JsonObject().put("at", at.toString()).put("day", day.toString()).put("usages", list);
  }
}

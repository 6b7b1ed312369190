package io.aiox.schema.quota;

import java.time.LocalDate;

/** An owner's recorded token use: the day it counts for, that day's total and the current minute's. */
public record QuotaUsage(LocalDate day, long tokensToday, long tokensThisMinute) {
  public static QuotaUsage none() {
    return new QuotaUsage(LocalDate.now(java.time.ZoneOffset.UTC), 0, 0);
  }
}

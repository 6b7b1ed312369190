package io.aiox.policy.quota;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** What a quota check decided. Only {@link Admitted} lets a turn run: governance fails closed. */
public sealed interface QuotaOutcome {
  /** The turn may run; settle or release the reservation when it ends. */
  record Admitted(Reservation reservation) implements QuotaOutcome {}

  /**
   * A limit would be passed. {@code remaining} is what is left of it, {@code requested} what the turn needed, and
   * {@code resetsAt} when enough frees up (for concurrent turns: when the oldest running turn's slot expires at the
   * latest; usually a turn finishes sooner).
   */
  record Refused(QuotaScope scope, Limit limit, long limitValue, long remaining, long requested, Instant resetsAt)
      implements QuotaOutcome {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    /** A concurrency limit is a passing constraint on resources; the others are policy. */
    public boolean concurrency() {
      return limit == Limit.CONCURRENT_TURNS;
    }

    /** The refusal as a person reads it: which limit ran out, what is left, and when it resets. */
    public String text() {
      String when = UTC.format(resetsAt.truncatedTo(ChronoUnit.SECONDS));
      String what = scope.possessive() + " " + limit.label() + " limit (" + limitValue + ")";
      return switch (limit) {
        case CONCURRENT_TURNS -> "quota: " + what + " is reached; try again when a running turn ends (at the"
            + " latest " + when + ")";
        case MESSAGES_PER_MINUTE -> "quota: " + what + " is used up; it resets at " + when;
        case TOKENS_PER_MINUTE, TOKENS_PER_DAY -> tokens(what, when);
      };
    }

    /**
     * Says what is true: a limit with nothing left is used up; one with some left is not, but too little for this
     * message, which may need its prompt and the longest answer the agent allows.
     */
    private String tokens(String what, String when) {
      String frees = limit == Limit.TOKENS_PER_DAY ? "it resets at " : "enough frees up at ";
      if (remaining <= 0) {
        return "quota: " + what + " is used up; it resets at " + when;
      }
      String need = "this message needs up to " + requested + " tokens (its prompt and the longest answer allowed)";
      if (requested > limitValue) {
        return "quota: " + what + " is smaller than what " + need + ", so it runs only when nothing else counts"
            + " against the limit, after " + when;
      }
      return "quota: " + what + " has " + remaining + " tokens left, and " + need + "; " + frees + when;
    }
  }

  /**
   * The quotas could not be checked, so no turn runs. {@code text} is for the sender, {@code detail} (the
   * underlying error) for the log and the audit entry.
   */
  record Unavailable(String text, String detail) implements QuotaOutcome {
    public static Unavailable storeDown(String store, Throwable cause) {
      return new Unavailable("no turn can run now: the hub cannot check quotas because " + store
          + " is unreachable; try again shortly", store + ": " + cause.getMessage());
    }

    static Unavailable misconfigured(String problem) {
      return new Unavailable("no turn can run: the quota settings are invalid (" + problem + "); the owner or"
          + " operator has to fix them", problem);
    }
  }
}

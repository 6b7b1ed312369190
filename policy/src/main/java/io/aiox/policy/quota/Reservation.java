package io.aiox.policy.quota;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An admitted turn's hold on its quotas: {@code tokens} counted in every window and a concurrency slot, until it
 * is settled with the real count. {@code day} is the UTC day its tokens count for, {@code admittedAt} Redis' clock
 * when it was admitted; {@code payer} the owner whose counters it holds (see {@link QuotaRequest}).
 */
public record Reservation(String id, OwnerId owner, AgentId agent, Optional<String> remoteDomain, long tokens,
                          LocalDate day, Instant admittedAt, OwnerId payer) {
  public Reservation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    payer = payer == null ? owner : payer;
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(remoteDomain, "remoteDomain");
  }

  /** The same hold, grown to {@code total} tokens. */
  public Reservation holding(long total) {
    return new Reservation(id, owner, agent, remoteDomain, total, day, admittedAt, payer);
  }
}

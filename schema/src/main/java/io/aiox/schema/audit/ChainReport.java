package io.aiox.schema.audit;

import io.aiox.schema.id.OwnerId;
import java.util.Objects;
import java.util.Optional;

/**
 * One owner's chain as the verifier found it. {@code entries} counts the entries checked (up to and including the
 * first broken one). {@code headSeq} and {@code headHash} (lower-case hex, empty for an empty chain) are the last
 * entry that holds: an operator who records them elsewhere can later tell that no entry was cut off the end, which
 * the chain alone cannot show.
 */
public record ChainReport(OwnerId owner, Optional<String> ownerName, long entries, long headSeq, String headHash,
                          Optional<ChainBreak> broken) {
  public ChainReport {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(ownerName, "ownerName");
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(broken, "broken");
  }

  public boolean holds() {
    return broken.isEmpty();
  }

  /** The owner's user name, else the owner id (an owner whose user row is gone still has a chain). */
  public String ownerLabel() {
    return ownerName.orElse(owner.toString());
  }
}

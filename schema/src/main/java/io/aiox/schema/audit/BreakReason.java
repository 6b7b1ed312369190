package io.aiox.schema.audit;

/** Why an owner's audit chain stops holding at an entry; {@link #code()} is the stable name in JSON output. */
public enum BreakReason {
  /** The entry's sequence number does not follow the previous one (or the chain does not start at 1). */
  GAP("gap", "gap"),
  /** The entry's {@code prev_hash} is not the stored hash of the entry before it. */
  PREV_HASH_MISMATCH("prev-hash-mismatch", "prev_hash does not link"),
  /** The entry's stored hash is not {@code sha256(prev_hash || canonical entry)}. */
  HASH_MISMATCH("hash-mismatch", "hash mismatch");

  private final String code;
  private final String label;

  BreakReason(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  /** A short phrase for people: "hash mismatch", "prev_hash does not link", "gap". */
  public String label() {
    return label;
  }
}

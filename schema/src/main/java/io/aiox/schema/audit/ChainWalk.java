package io.aiox.schema.audit;

import io.aiox.schema.id.OwnerId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The check of one owner's chain, entry by entry in sequence order, holding only the previous entry: so a chain of
 * any length is checked page by page in constant memory. The hash of each entry is recomputed by the database
 * ({@code aiox_audit_canonical}, the definition the writer used); this class compares.
 */
final class ChainWalk {
  private static final byte[] NONE = new byte[0];
  private static final HexFormat HEX = HexFormat.of();

  private final OwnerId owner;
  private final Optional<String> ownerName;
  private long entries;
  private long lastSeq;
  private byte[] lastHash = NONE;
  private ChainBreak broken;

  ChainWalk(OwnerId owner, Optional<String> ownerName) {
    this.owner = owner;
    this.ownerName = ownerName;
  }

  /**
   * Checks the next entry; false once the chain is broken (later entries cannot be trusted to mean anything).
   * {@code recomputed} is {@code sha256(prev_hash || canonical entry)} over the row as it is stored now.
   */
  boolean accept(UUID id, long seq, byte[] prevHash, byte[] hash, byte[] recomputed) {
    if (broken != null) {
      return false;
    }
    entries++;
    byte[] prev = prevHash == null ? NONE : prevHash;
    if (seq != lastSeq + 1) {
      broken = new ChainBreak(id, seq, BreakReason.GAP, lastSeq == 0
          ? "the chain starts at seq " + seq + ", not 1: the entries before it are missing"
          : "seq " + seq + " follows seq " + lastSeq + ": " + missing(lastSeq, seq) + " missing");
    } else if (!Arrays.equals(prev, lastHash)) {
      broken = new ChainBreak(id, seq, BreakReason.PREV_HASH_MISMATCH, lastSeq == 0
          ? "the first entry must chain from no hash, but prev_hash is " + HEX.formatHex(prev)
          : "prev_hash " + HEX.formatHex(prev) + " is not the hash of seq " + lastSeq + " ("
              + HEX.formatHex(lastHash) + "): an earlier entry was rewritten or replaced");
    } else if (!Arrays.equals(hash, recomputed)) {
      broken = new ChainBreak(id, seq, BreakReason.HASH_MISMATCH, "stored hash " + HEX.formatHex(hash)
          + " is not sha256(prev_hash || canonical entry) = " + HEX.formatHex(recomputed)
          + ": the entry was changed after it was written");
    } else {
      lastSeq = seq;
      lastHash = hash;
      return true;
    }
    return false;
  }

  OwnerId owner() {
    return owner;
  }

  /** The sequence number the next page starts after. */
  long lastSeq() {
    return lastSeq;
  }

  boolean isBroken() {
    return broken != null;
  }

  ChainReport report() {
    return new ChainReport(owner, ownerName, entries, lastSeq, HEX.formatHex(lastHash), Optional.ofNullable(broken));
  }

  private static String missing(long last, long seq) {
    return seq == last + 2 ? "entry " + (last + 1) + " is" : "entries " + (last + 1) + ".." + (seq - 1) + " are";
  }
}

package io.aiox.policy.crypto;

import io.aiox.policy.crypto.CryptoFailure.Kind;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.WrappedKey;

/** Wraps data keys under a master key and unwraps them; pure, so the failure messages are tested without I/O. */
final class KeyWrap {
  private KeyWrap() {}

  static byte[] wrap(MasterKey master, DataKey key) {
    return EnvelopeCipher.seal(master.bytes(), key.version(), Contexts.dataKey(key.owner(), key.version()), key.key());
  }

  /** Unwraps with the ring's key of the row's id; the message says which key is missing and where it was looked for. */
  static DataKey unwrap(MasterKeyRing ring, WrappedKey row) {
    MasterKey master = ring.find(row.masterKeyId()).orElseThrow(() -> new CryptoFailure(Kind.MASTER_KEY_MISSING,
        "the data key of owner " + row.owner() + " (version " + row.version() + ") is wrapped by master key "
            + row.masterKeyId() + ", which " + ring.source() + " does not hold (it holds " + ring.ids() + ");"
            + " configure that key, or the one that re-wrapped it"));
    try {
      byte[] key = EnvelopeCipher.open(master.bytes(), Contexts.dataKey(row.owner(), row.version()), row.wrapped());
      return new DataKey(row.owner(), row.version(), key);
    } catch (CryptoFailure e) {
      throw new CryptoFailure(Kind.CANNOT_OPEN, "the data key of owner " + row.owner() + " (version " + row.version()
          + ") does not unwrap under master key " + master.id() + ": the stored key was altered", e);
    }
  }
}

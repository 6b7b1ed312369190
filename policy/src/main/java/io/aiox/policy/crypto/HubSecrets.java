package io.aiox.policy.crypto;

import io.aiox.policy.crypto.CryptoFailure.Kind;

/**
 * Seals secrets that belong to the hub rather than to an owner (the console's token signing keys) directly under
 * the current master key; the sealed value is stored with the master key's id, which opens it again on any hub that
 * holds that key. There are no data keys in between: such secrets are few, small and rotated on their own.
 */
public final class HubSecrets {
  private final MasterKeys masterKeys;

  HubSecrets(MasterKeys masterKeys) {
    this.masterKeys = masterKeys;
  }

  /** A hub secret sealed under the master key {@code masterKeyId}. */
  public record SealedSecret(String masterKeyId, byte[] sealed) {}

  /** Seals {@code plaintext}, bound to {@code kind} and {@code name} (opening it under other names fails). */
  public SealedSecret seal(String kind, String name, byte[] plaintext) {
    MasterKey master = masterKeys.ring().current();
    return new SealedSecret(master.id(), EnvelopeCipher.seal(master.bytes(), 0, Contexts.hubSecret(kind, name),
        plaintext));
  }

  /** Opens what {@link #seal} sealed; fails naming the master key when this hub does not hold it. */
  public byte[] open(String kind, String name, SealedSecret secret) {
    MasterKeyRing ring = masterKeys.ring();
    MasterKey master = ring.find(secret.masterKeyId()).orElseThrow(() -> new CryptoFailure(Kind.MASTER_KEY_MISSING,
        "the hub secret " + kind + " " + name + " is sealed under master key " + secret.masterKeyId() + ", which "
            + ring.source() + " does not hold (it holds " + ring.ids() + ")"));
    return EnvelopeCipher.open(master.bytes(), Contexts.hubSecret(kind, name), secret.sealed());
  }
}

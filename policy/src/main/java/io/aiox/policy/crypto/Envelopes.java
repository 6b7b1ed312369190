package io.aiox.policy.crypto;

import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.Sealed;
import io.aiox.schema.key.SealedField;
import io.vertx.core.Future;

/** Seals and opens one field's values with the owner's data keys; shared by the vault and the rotation. */
final class Envelopes {
  private final DataKeys keys;

  Envelopes(DataKeys keys) {
    this.keys = keys;
  }

  /** Seals with the owner's current data key. */
  Future<Sealed> seal(OwnerId owner, SealedField field, byte[] plaintext) {
    return keys.current(owner).map(key -> seal(key, field, plaintext));
  }

  static Sealed seal(DataKey key, SealedField field, byte[] plaintext) {
    return new Sealed(EnvelopeCipher.seal(key.key(), key.version(), Contexts.of(key.owner(), field), plaintext),
        key.version());
  }

  /** Opens with the data key version the value names (its authenticated header). */
  Future<byte[]> open(OwnerId owner, SealedField field, Sealed sealed) {
    byte[] ciphertext = sealed.ciphertext();
    int version;
    try {
      version = EnvelopeCipher.keyVersion(ciphertext);
    } catch (CryptoFailure e) {
      return Future.failedFuture(e);
    }
    return keys.version(owner, version)
        .map(key -> EnvelopeCipher.open(key.key(), Contexts.of(owner, field), ciphertext))
        .recover(e -> Future.failedFuture(e instanceof CryptoFailure c && c.kind() == CryptoFailure.Kind.CANNOT_OPEN
            ? new CryptoFailure(c.kind(), describe(field) + " of owner " + owner + " does not open: " + c.getMessage(), c)
            : e));
  }

  static String describe(SealedField field) {
    return switch (field) {
      case SealedField.AgentPrompt p -> "the system prompt of agent " + p.agent();
      case SealedField.OwnerSecret s -> "the secret " + s.name();
    };
  }

  DataKeys keys() {
    return keys;
  }
}

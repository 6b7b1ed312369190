package io.aiox.policy.crypto;

/** Why a value could not be sealed or opened; the message names the setting or the row, never key material. */
public final class CryptoFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The closed set of reasons. */
  public enum Kind {
    /** No master key is configured ({@code security.master_key_file} / {@code security.master_key_env}). */
    NOT_CONFIGURED,
    /** The configured master key cannot be read or is not a 32-byte key. */
    BAD_MASTER_KEY,
    /** A data key is wrapped by a master key this process does not hold. */
    MASTER_KEY_MISSING,
    /** A sealed value names a data key version that does not exist. */
    DATA_KEY_MISSING,
    /** Authentication failed: the ciphertext was altered, moved to another row, or the key is not the sealing one. */
    CANNOT_OPEN
  }

  private final Kind kind;

  public CryptoFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CryptoFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

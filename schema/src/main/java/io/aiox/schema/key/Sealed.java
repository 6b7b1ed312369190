package io.aiox.schema.key;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.Objects;

/** A sealed value as stored: the ciphertext and the owner's data key version that opens it. */
public record Sealed(byte[] ciphertext, int keyVersion) {
  public Sealed {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (keyVersion < 1) {
      throw new IllegalArgumentException("key version must be at least 1, was " + keyVersion);
    }
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  Buffer buffer() {
    return Buffer.buffer(ciphertext);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sealed s && s.keyVersion == keyVersion && Arrays.equals(s.ciphertext, ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ciphertext) + keyVersion;
  }

  @Override
  public String toString() {
    return "Sealed[" + ciphertext.length + " bytes, key version " + keyVersion + "]";
  }
}

package io.aiox.policy.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One master key: 32 bytes the operator supplies. Its id is a fingerprint (a truncated SHA-256 of the key under a
 * label), so the same key has the same id on every hub and {@code tenant_keys.master_key_id} says which key wraps
 * a row without revealing anything about the key.
 */
public final class MasterKey {
  public static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final String id;

  private MasterKey(byte[] key) {
    this.key = key;
    this.id = fingerprint(key);
  }

  /** A key from its 32 bytes; the array is copied. */
  public static MasterKey of(byte[] key) {
    if (key == null || key.length != LENGTH) {
      throw new IllegalArgumentException("a master key is " + LENGTH + " bytes, was "
          + (key == null ? "none" : key.length));
    }
    return new MasterKey(key.clone());
  }

  /** A fresh random key, for a rotation. */
  public static MasterKey generate() {
    byte[] key = new byte[LENGTH];
    RANDOM.nextBytes(key);
    return new MasterKey(key);
  }

  public String id() {
    return id;
  }

  /** The key as 64 hex digits: how a key file holds it. */
  public String hex() {
    return HexFormat.of().formatHex(key);
  }

  byte[] bytes() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MasterKey k && MessageDigest.isEqual(k.key, key);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** The id only: a key must never reach a log through string concatenation. */
  @Override
  public String toString() {
    return "master key " + id;
  }

  private static String fingerprint(byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("aiox master key id\0".getBytes(StandardCharsets.US_ASCII));
      byte[] digest = sha.digest(key);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}

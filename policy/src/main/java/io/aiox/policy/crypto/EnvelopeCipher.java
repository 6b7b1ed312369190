package io.aiox.policy.crypto;

import io.aiox.policy.crypto.CryptoFailure.Kind;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM (Bouncy Castle) in one self-describing format:
 * {@code format (1 byte) | key version (4 bytes, big-endian) | nonce (12 random bytes) | ciphertext | tag (16)}.
 * The associated data is the 5-byte header followed by the caller's context, so neither the key version nor the
 * row a value belongs to can be changed without the tag failing.
 */
public final class EnvelopeCipher {
  /** The format byte; a later format gets a new value and this one keeps opening. */
  public static final byte FORMAT_V1 = 1;
  public static final int KEY_LENGTH = 32;
  static final int HEADER = 5;
  static final int NONCE = 12;
  static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EnvelopeCipher() {}

  /** Seals {@code plaintext} with {@code key} (version {@code keyVersion}), bound to {@code context}. */
  public static byte[] seal(byte[] key, int keyVersion, byte[] context, byte[] plaintext) {
    checkKey(key);
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    ByteBuffer header = ByteBuffer.allocate(HEADER).put(FORMAT_V1).putInt(keyVersion);
    GCMModeCipher gcm = gcm(true, key, nonce, header.array(), context);
    byte[] out = new byte[HEADER + NONCE + gcm.getOutputSize(plaintext.length)];
    System.arraycopy(header.array(), 0, out, 0, HEADER);
    System.arraycopy(nonce, 0, out, HEADER, NONCE);
    int n = gcm.processBytes(plaintext, 0, plaintext.length, out, HEADER + NONCE);
    try {
      gcm.doFinal(out, HEADER + NONCE + n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("AES-GCM refused to encrypt", e);
    }
    return out;
  }

  /** Opens a sealed value; fails with {@link Kind#CANNOT_OPEN} when key, context or bytes are not the sealing ones. */
  public static byte[] open(byte[] key, byte[] context, byte[] sealed) {
    checkKey(key);
    if (sealed.length < HEADER + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT_V1) {
      throw new CryptoFailure(Kind.CANNOT_OPEN, "not a sealed value of a known format");
    }
    byte[] header = Arrays.copyOfRange(sealed, 0, HEADER);
    byte[] nonce = Arrays.copyOfRange(sealed, HEADER, HEADER + NONCE);
    GCMModeCipher gcm = gcm(false, key, nonce, header, context);
    int bodyLength = sealed.length - HEADER - NONCE;
    byte[] out = new byte[gcm.getOutputSize(bodyLength)];
    int n = gcm.processBytes(sealed, HEADER + NONCE, bodyLength, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new CryptoFailure(Kind.CANNOT_OPEN, "authentication failed: the value was altered, belongs to another"
          + " row, or was sealed with another key", e);
    }
    return out;
  }

  /** The data key version a sealed value names (authenticated when it is opened). */
  public static int keyVersion(byte[] sealed) {
    if (sealed.length < HEADER || sealed[0] != FORMAT_V1) {
      throw new CryptoFailure(Kind.CANNOT_OPEN, "not a sealed value of a known format");
    }
    return ByteBuffer.wrap(sealed, 1, 4).getInt();
  }

  private static GCMModeCipher gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] header, byte[] context) {
    byte[] aad = new byte[header.length + context.length];
    System.arraycopy(header, 0, aad, 0, header.length);
    System.arraycopy(context, 0, aad, header.length, context.length);
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
    return gcm;
  }

  private static void checkKey(byte[] key) {
    if (key == null || key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("AES-256 needs a " + KEY_LENGTH + "-byte key");
    }
  }
}

package io.aiox.policy.crypto;

import io.aiox.schema.id.OwnerId;
import java.security.SecureRandom;

/** One version of an owner's data key, unwrapped. Lives in memory only, and only for the cache's time. */
record DataKey(OwnerId owner, int version, byte[] key) {
  private static final SecureRandom RANDOM = new SecureRandom();

  static DataKey generate(OwnerId owner, int version) {
    byte[] key = new byte[EnvelopeCipher.KEY_LENGTH];
    RANDOM.nextBytes(key);
    return new DataKey(owner, version, key);
  }

  @Override
  public String toString() {
    return "data key of owner " + owner + " version " + version;
  }
}

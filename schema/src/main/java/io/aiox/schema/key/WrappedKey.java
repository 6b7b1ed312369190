package io.aiox.schema.key;

import io.aiox.schema.id.OwnerId;
import java.util.Arrays;
import java.util.Objects;

/** One version of an owner's data key as stored: wrapped by the master key {@code masterKeyId}. */
public record WrappedKey(OwnerId owner, int version, byte[] wrapped, String masterKeyId, boolean retired) {
  public WrappedKey {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(masterKeyId, "master key id");
    wrapped = wrapped.clone();
  }

  @Override
  public byte[] wrapped() {
    return wrapped.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedKey k && k.owner.equals(owner) && k.version == version
        && Arrays.equals(k.wrapped, wrapped) && k.masterKeyId.equals(masterKeyId) && k.retired == retired;
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, version, masterKeyId);
  }

  @Override
  public String toString() {
    return "WrappedKey[owner " + owner + ", version " + version + ", master key " + masterKeyId
        + (retired ? ", retired" : "") + "]";
  }
}

package io.aiox.policy.crypto;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.SealedField;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The associated data of each kind of sealed value: a label naming the kind, then the ids of the row it belongs
 * to. Labels differ per kind, so a system prompt cannot be passed off as an owner secret or a data key.
 */
final class Contexts {
  private Contexts() {}

  /** An agent's system prompt: bound to the agent id. */
  static byte[] systemPrompt(AgentId agent) {
    return build("aiox/system-prompt", agent.value(), new byte[0]);
  }

  /** An owner-level secret: bound to the owner id and the secret's name. */
  static byte[] ownerSecret(OwnerId owner, String name) {
    return build("aiox/owner-secret", owner.value(), name.getBytes(StandardCharsets.UTF_8));
  }

  /** A data key wrapped by a master key: bound to the owner and the version. */
  static byte[] dataKey(OwnerId owner, int version) {
    return build("aiox/data-key", owner.value(), ByteBuffer.allocate(4).putInt(version).array());
  }

  /** A hub-wide secret (no owner): bound to its kind and its name, e.g. a console signing key and its key id. */
  static byte[] hubSecret(String kind, String name) {
    return ("aiox/hub-secret\0" + kind + "\0" + name).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] of(OwnerId owner, SealedField field) {
    return switch (field) {
      case SealedField.AgentPrompt p -> systemPrompt(p.agent());
      case SealedField.OwnerSecret s -> ownerSecret(owner, s.name().value());
    };
  }

  private static byte[] build(String label, UUID id, byte[] rest) {
    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(l.length + 1 + 16 + rest.length).put(l).put((byte) 0)
        .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).put(rest).array();
  }
}

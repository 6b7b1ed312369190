package io.aiox.component.xmpp.xep0153;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.id.AgentId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An agent's picture as its vCard carries it inline: the owner's {@code data:} URI when set, else its identicon. An
 * https avatar is not inline (the vCard names it with EXTVAL) and has no hash to announce, so it is empty here.
 */
public record Avatar(String type, byte[] data) {
  private static final int CACHED = 4096;
  /** Identicons are drawn once per agent per process; presence to many subscribers reads this. */
  private static final Map<AgentId, Avatar> IDENTICONS = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AgentId, Avatar> eldest) {
          return size() > CACHED;
        }
      });

  public static Optional<Avatar> of(Agent agent) {
    String avatar = agent.avatar();
    if (avatar.isBlank()) {
      return Optional.of(IDENTICONS.computeIfAbsent(agent.id(), id -> new Avatar("image/png", Identicon.png(id))));
    }
    if (avatar.startsWith("data:") && avatar.contains(";base64,")) {
      try {
        return Optional.of(new Avatar(avatar.substring("data:".length(), avatar.indexOf(';')),
            Base64.getMimeDecoder().decode(avatar.substring(avatar.indexOf(',') + 1))));
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // not base64 after all: no picture rather than a broken one
      }
    }
    return Optional.empty();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(data);
  }

  /** XEP-0153 section 4.1: the hex SHA-1 of the image data. */
  public String sha1() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}

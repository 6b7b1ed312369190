package io.aiox.schema.id;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bare JID of an agent: {@code agent-<uuid>@<agents domain>} (rfc/ section "JID scheme"). Always lower case,
 * so one agent has exactly one spelling in the database.
 */
public record AgentJid(AgentId agentId, String domain) {
  public static final String LOCALPART_PREFIX = "agent-";
  private static final Pattern JID = Pattern.compile(
      "agent-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@([a-z0-9.-]+)");
  /** Compiled once: every inbound stanza to an agent parses its JID. */
  private static final Pattern DOMAIN = Pattern.compile(
      "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  public AgentJid {
    Objects.requireNonNull(agentId, "agent id");
    if (domain == null || !DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("not a valid agents domain: " + domain);
    }
  }

  /** Parses a bare JID; empty when it is not an agent address (wrong localpart, a resource, another shape). */
  public static Optional<AgentJid> parse(String bareJid) {
    if (bareJid == null) {
      return Optional.empty();
    }
    Matcher m = JID.matcher(bareJid.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new AgentJid(new AgentId(UUID.fromString(m.group(1))), m.group(2)));
  }

  @Override
  public String toString() {
    return LOCALPART_PREFIX + agentId + "@" + domain;
  }
}

package io.aiox.policy.quota;

/**
 * Whose counters a limit applies to. {@code USER} is the agent's owner: every turn of their agents is billed to
 * them, whoever sent it. {@code REMOTE_DOMAIN} counts what senders of one federated domain take from this hub.
 */
public enum QuotaScope {
  USER("user", "the agent owner's"),
  AGENT("agent", "this agent's"),
  REMOTE_DOMAIN("domain", "your server's");

  private final String keyPart;
  private final String possessive;

  QuotaScope(String keyPart, String possessive) {
    this.keyPart = keyPart;
    this.possessive = possessive;
  }

  /** The scope's segment in Redis keys. */
  String keyPart() {
    return keyPart;
  }

  /** For refusal texts: "this agent's tokens per minute". */
  public String possessive() {
    return possessive;
  }

  /** Its name in configuration and JSON: {@code user}, {@code agent}, {@code remote_domain}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

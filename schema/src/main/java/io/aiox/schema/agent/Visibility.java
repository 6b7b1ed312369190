package io.aiox.schema.agent;

import java.util.Locale;

/** Who may talk to an agent (rfc/ section "Ownership and visibility"). */
public enum Visibility {
  /** The owner and the JIDs the owner linked. */
  PRIVATE,
  /** Also the JIDs and domains the agent's governance lists. */
  SHARED,
  /** Anyone, under quotas. */
  PUBLIC;

  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Visibility parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("visibility must be private, shared or public, was " + text, e);
    }
  }
}

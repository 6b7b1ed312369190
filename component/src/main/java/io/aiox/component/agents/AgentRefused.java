package io.aiox.component.agents;

/** A request about an agent that the hub refuses; the message says why in words a user can act on. */
public final class AgentRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why: each maps to one XMPP condition and one CLI exit at its edge. */
  public enum Kind {
    /** A value out of its rules (blank name, bad visibility, unknown tool). */
    INVALID,
    /** A model this hub does not offer. */
    UNKNOWN_MODEL,
    /** The owner holds as many agents as self-service allows. */
    LIMIT,
    /** A system prompt on a hub without a master key: it could not be sealed. */
    NO_MASTER_KEY,
    /** No such live agent of this owner. */
    NOT_FOUND
  }

  private final Kind kind;

  public AgentRefused(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

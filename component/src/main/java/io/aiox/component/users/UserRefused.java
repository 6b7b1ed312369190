package io.aiox.component.users;

/** A request about a user that the hub refuses; the message says why in words an operator can act on. */
public final class UserRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why: each maps to one CLI exit and one HTTP status at its edge. */
  public enum Kind {
    /** A name or a value out of its rules. */
    INVALID,
    /** The name is taken. */
    EXISTS,
    /** No such user. */
    NOT_FOUND
  }

  private final Kind kind;

  public UserRefused(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

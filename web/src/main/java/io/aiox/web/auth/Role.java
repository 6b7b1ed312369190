package io.aiox.web.auth;

/** What a signed-in person may do: a user governs their own agents; an admin also sees and governs everyone's. */
public enum Role {
  USER,
  ADMIN;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

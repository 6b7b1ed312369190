package io.aiox.schema.audit;

/** How much an audit entry matters to the owner. */
public enum Severity {
  INFO, WARNING, CRITICAL;

  public String sql() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.aiox.schema.memory;

import java.util.Locale;

/** Where a memory came from; the column's check constraint allows exactly these. */
public enum MemoryKind {
  /** A whole exchange of a conversation (the user's message and the answer). */
  TURN,
  /** A short extract of an exchange. */
  SUMMARY,
  /** Something the owner told the agent to remember. */
  FACT,
  /** A chunk of a document the owner added. */
  DOCUMENT;

  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MemoryKind parse(String sql) {
    return valueOf(sql.toUpperCase(Locale.ROOT));
  }
}

package io.aiox.schema.external;

import java.util.Locale;
import java.util.Set;

/**
 * The first check of a query's text: after comments and white space it must start with a word that begins a
 * read ({@code SELECT}, {@code WITH}, {@code VALUES}, {@code TABLE}). This is not the guard against writes (the
 * read-only transaction and the plan are); it keeps statements that {@code EXPLAIN} accepts but that are no query
 * ({@code CREATE TABLE AS}, {@code DECLARE}, {@code EXECUTE}) from going further.
 */
final class QueryText {
  private static final Set<String> READS = Set.of("select", "with", "values", "table");

  private QueryText() {}

  /** Why the text is refused, or null. */
  static String refusal(String sql) {
    int i = skipComments(sql, 0);
    if (i < 0) {
      return "the query has a comment that does not end";
    }
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    String word = sql.substring(i, end).toLowerCase(Locale.ROOT);
    if (!READS.contains(word)) {
      return "database_query runs one SELECT (or WITH, VALUES, TABLE) statement; this one starts with '"
          + (word.isEmpty() ? sql.substring(i, Math.min(sql.length(), i + 10)) : word) + "'";
    }
    return null;
  }

  /** The index after leading white space and comments; -1 when a block comment does not end. */
  private static int skipComments(String sql, int from) {
    int i = from;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2); // nested comments end later still: the plan check follows anyway
        if (close < 0) {
          return -1;
        }
        i = close + 2;
      } else {
        return i;
      }
    }
    return i;
  }
}

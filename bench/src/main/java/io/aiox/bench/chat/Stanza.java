package io.aiox.bench.chat;

/**
 * Reads what the benchmark needs from one serialized stanza: its name, attributes of its start tag, and the text
 * of its {@code <body/>} as the server wrote it (still escaped, so an echo can send it back unchanged).
 */
final class Stanza {
  private Stanza() {}

  /** Whether the element's name is {@code name} ({@code <name } or {@code <name>} or {@code <name/>}). */
  static boolean named(String element, String name) {
    if (!element.startsWith(name, 1)) {
      return false;
    }
    char next = element.length() > name.length() + 1 ? element.charAt(name.length() + 1) : '>';
    return next == ' ' || next == '>' || next == '/' || next == '\t' || next == '\n' || next == '\r';
  }

  /** The value of an attribute of the start tag, as written (entities left alone), or null. */
  static String attribute(String element, String name) {
    int tagEnd = startTagEnd(element);
    int from = 0;
    while (true) {
      int at = element.indexOf(name, from);
      if (at < 0 || at >= tagEnd) {
        return null;
      }
      int eq = at + name.length();
      char before = element.charAt(at - 1);
      if ((before == ' ' || before == '\n' || before == '\t') && eq + 1 < element.length()
          && element.charAt(eq) == '=') {
        char quote = element.charAt(eq + 1);
        int close = element.indexOf(quote, eq + 2);
        return close < 0 ? null : element.substring(eq + 2, close);
      }
      from = at + 1;
    }
  }

  /** The body's text as written, or null when the stanza has no body (a chat state, a receipt). */
  static String body(String element) {
    int open = element.indexOf("<body");
    if (open < 0) {
      return null;
    }
    int textStart = element.indexOf('>', open) + 1;
    if (element.charAt(textStart - 2) == '/') {
      return "";
    }
    int close = element.indexOf("</body>", textStart);
    return close < 0 ? null : element.substring(textStart, close);
  }

  /** The end of the start tag, skipping quoted attribute values. */
  private static int startTagEnd(String element) {
    char quote = 0;
    for (int i = 1; i < element.length(); i++) {
      char c = element.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '>') {
        return i;
      }
    }
    return element.length();
  }
}

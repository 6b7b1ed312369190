package io.aiox.component.xmpp.stream;

/**
 * XML 1.0 allows only some characters (section 2.2: tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD,
 * U+10000-U+10FFFF). A model can produce any other (control characters, a lone surrogate) and one such character in
 * a stanza makes the server close the component's stream, losing every stanza in flight. They become U+FFFD.
 */
public final class XmlChars {
  private static final char REPLACEMENT = '\uFFFD';

  private XmlChars() {}

  /** {@code text} itself when every character is allowed (the common case costs one scan), else a cleaned copy. */
  public static String clean(String text) {
    int bad = firstInvalid(text);
    if (bad < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, bad);
    for (int i = bad; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      if (allowed(cp)) {
        out.appendCodePoint(cp);
      } else {
        out.append(REPLACEMENT);
      }
      i += n;
    }
    return out.toString();
  }

  private static int firstInvalid(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!allowed(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  static boolean allowed(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}

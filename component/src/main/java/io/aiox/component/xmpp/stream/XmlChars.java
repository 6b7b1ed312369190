package io.aiox.component.xmpp.stream;

/**
 * XML 1.0 allows only some characters (section 2.2: tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD,
 * U+10000-U+10FFFF). A model can produce any other (control characters, a lone surrogate) and one such character in
 * a stanza makes the server close the component's stream, losing every stanza in flight. They become U+FFFD, and so
 * does a character reference to one ({@code &#1;}): that is how a serializer writes a control character it was
 * given, and the server refuses the reference just as it refuses the character.
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
      int reference = cp == '&' ? badReference(text, i) : 0;
      if (reference > 0) {
        out.append(REPLACEMENT);
        n = reference;
      } else if (allowed(cp)) {
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
      if (!allowed(cp) || cp == '&' && badReference(text, i) > 0) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /**
   * The length of the character reference at {@code i} when it names a code point XML does not allow ({@code &#1;},
   * {@code &#x1F;}, {@code &#xFFFE;}), else 0: other references, entity references and a bare ampersand are left.
   */
  static int badReference(String text, int i) {
    if (i + 3 >= text.length() || text.charAt(i + 1) != '#') {
      return 0;
    }
    int j = i + 2;
    int radix = 10;
    if (text.charAt(j) == 'x') {
      radix = 16;
      j++;
    }
    int start = j;
    long value = 0;
    while (j < text.length() && j - start < 9 && Character.digit(text.charAt(j), radix) >= 0) {
      value = value * radix + Character.digit(text.charAt(j), radix);
      j++;
    }
    if (j == start || j >= text.length() || text.charAt(j) != ';') {
      return 0;
    }
    return value > 0x10FFFF || !allowed((int) value) ? j + 1 - i : 0;
  }

  static boolean allowed(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}

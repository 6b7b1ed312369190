package io.aiox.policy.access;

import java.util.Collection;
import java.util.Locale;

/** Domain comparisons for access lists: JIDs and domains compare in lower case. */
final class DomainMatch {
  private DomainMatch() {}

  /** {@code domain} is one of {@code listed} or below one of them ({@code muc.example.org} under {@code example.org}). */
  static boolean inOrUnder(String domain, Collection<String> listed) {
    String d = domain.toLowerCase(Locale.ROOT);
    for (String entry : listed) {
      String e = entry.toLowerCase(Locale.ROOT);
      if (d.equals(e) || d.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  /** The domain part of a bare JID ({@code user@domain} or a bare {@code domain}), in lower case. */
  static String domainOf(String bareJid) {
    String jid = bareJid.toLowerCase(Locale.ROOT);
    return jid.substring(jid.indexOf('@') + 1);
  }
}

package io.aiox.policy.tool.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host names a network tool may reach. An entry is a name ({@code api.example.com}: that name only), a
 * wildcard ({@code *.example.com}: any name below it, not {@code example.com} itself), an IP literal (that
 * address written as the host), or {@code *} (any name; the address rules still apply). Empty allows nothing.
 */
public final class DomainList {
  private static final String LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
  private static final Pattern NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

  private final List<String> entries;

  private DomainList(List<String> entries) {
    this.entries = entries;
  }

  /** Parses the entries; {@link IllegalArgumentException} names one that is neither a name nor a literal. */
  public static DomainList of(List<String> entries) {
    return new DomainList(entries.stream().map(DomainList::entry).toList());
  }

  private static String entry(String raw) {
    String e = normalize(raw);
    if (e.equals("*")) {
      return e;
    }
    String name = e.startsWith("*.") ? e.substring(2) : e;
    if (IpLiteral.parse(name).isPresent() && !e.startsWith("*.")) {
      return e;
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + raw + "' is not a host name, '*.' + a name, an IP address or '*'");
    }
    return e;
  }

  /** Lower case, without a trailing dot or IPv6 brackets: the form hosts are compared in. */
  public static String normalize(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  public boolean matches(String host) {
    String h = normalize(host);
    Optional<InetAddress> literal = IpLiteral.parse(h);
    for (String e : entries) {
      if (literal.isPresent() ? literal.equals(IpLiteral.parse(e)) : matchesName(e, h)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesName(String entry, String host) {
    if (entry.equals("*")) {
      return true;
    }
    if (entry.startsWith("*.")) {
      return host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1;
    }
    return entry.equals(host);
  }

  public List<String> entries() {
    return entries;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DomainList d && d.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}

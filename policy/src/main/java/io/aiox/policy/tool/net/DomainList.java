package io.aiox.policy.tool.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host names a network tool may reach. An entry is a name ({@code api.example.com}: that name only), a
 * wildcard ({@code *.example.com}: any name below it, not {@code example.com} itself), an IP literal (that
 * address, however the host writes it: {@code 127.0.0.1} also admits {@code 127.1} and {@code 0x7f000001}), or
 * {@code *} (any name; the address rules still apply). A host that is an address ({@link IpLiteral}) is matched
 * against the literal entries only, never by {@code *} or a wildcard. Empty allows nothing.
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
    if (IpLiteral.addressLike(name) && (e.startsWith("*.") || IpLiteral.parse(name).isEmpty())) {
      throw new IllegalArgumentException("'" + raw + "' is neither an IP address nor a host name");
    }
    if (IpLiteral.parse(name).isEmpty() && !isName(name)) {
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

  /** Whether {@code host} (normalized) is a host name: letters, digits and hyphens in dot-separated labels. */
  static boolean isName(String host) {
    return NAME.matcher(host).matches();
  }

  /** Whether the host may be reached: an address only through a literal entry, a name through a name entry. */
  public boolean matches(String host) {
    String h = normalize(host);
    if (IpLiteral.addressLike(h)) {
      Optional<InetAddress> literal = IpLiteral.parse(h);
      return literal.isPresent() && entries.stream().anyMatch(e -> literal.equals(IpLiteral.parse(e)));
    }
    return entries.stream().anyMatch(e -> !IpLiteral.addressLike(e) && matchesName(e, h));
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

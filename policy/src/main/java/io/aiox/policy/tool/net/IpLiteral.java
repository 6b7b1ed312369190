package io.aiox.policy.tool.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals only; a name never reaches the resolver from here. */
final class IpLiteral {
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern V4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]+");

  private IpLiteral() {}

  /** The address when {@code text} is a dotted-quad IPv4 or an IPv6 literal (brackets allowed); else empty. */
  static Optional<InetAddress> parse(String text) {
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean literal = V4.matcher(s).matches() || (s.indexOf(':') >= 0 && V6.matcher(s).matches());
    if (!literal) {
      return Optional.empty();
    }
    try {
      InetAddress a = InetAddress.getByName(s); // a literal: parsed, not looked up
      return Optional.of(s.indexOf(':') >= 0 && a instanceof Inet4Address ? mapped(a.getAddress()) : a);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Java turns {@code ::ffff:a.b.c.d} into the IPv4 address; a literal written in IPv6 keeps its 16 bytes here. */
  private static InetAddress mapped(byte[] v4) throws UnknownHostException {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4, 0, b, 12, 4);
    return Inet6Address.getByAddress(null, b, -1);
  }
}

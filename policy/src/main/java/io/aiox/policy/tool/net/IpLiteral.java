package io.aiox.policy.tool.net;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals only; a name never reaches the resolver from here. IPv4 is read the way the C
 * library's {@code inet_aton} reads it, because that is how the system resolver, curl and most servers read a host:
 * one to four parts, each decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last part filling the bytes left
 * ({@code 127.1} is 127.0.0.1, {@code 2130706433} too). Java's own parser reads some of these differently
 * ({@code 0177.0.0.1} as 177.0.0.1), so it is not used for IPv4.
 */
final class IpLiteral {
  /** Starts with a hex digit or a colon, so that Java's parser takes it as an IPv6 literal and never looks it up. */
  private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");
  /** One part as {@code inet_aton} takes it: hex, octal (a leading 0) or decimal. */
  private static final Pattern PART = Pattern.compile("0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*");
  /** A last label that makes the host an address, valid or not (WHATWG URL "ends in a number"). */
  private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

  private IpLiteral() {}

  /**
   * The address when {@code text} is an IPv4 address in any form {@code inet_aton} takes (one trailing dot allowed)
   * or an IPv6 literal (brackets allowed); else empty.
   */
  static Optional<InetAddress> parse(String text) {
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    return s.indexOf(':') >= 0 ? v6(s) : v4(s.endsWith(".") ? s.substring(0, s.length() - 1) : s);
  }

  /**
   * Whether {@code host} can only be an address: it has a colon or brackets (IPv6), or its last label is a number
   * ({@code 1}, {@code 08}, {@code 0x7f}). No top-level domain is numeric, so such a host is never a name: when it
   * is not a valid address it must be refused, not looked up (the resolver might read it as an address after all).
   */
  static boolean addressLike(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return h.indexOf(':') >= 0 || h.indexOf('[') >= 0 || h.indexOf(']') >= 0
        || NUMBER.matcher(h.substring(h.lastIndexOf('.') + 1)).matches();
  }

  private static Optional<InetAddress> v4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length > 4) {
      return Optional.empty();
    }
    long address = 0;
    for (int i = 0; i < parts.length; i++) {
      Optional<BigInteger> value = value(parts[i]);
      int bytesLeft = 4 - i;
      int width = i == parts.length - 1 ? bytesLeft : 1; // the last part fills what the others left
      if (value.isEmpty() || value.get().bitLength() > 8 * width) {
        return Optional.empty();
      }
      address = address << 8 * width | value.get().longValue();
    }
    return Optional.of(v4Address(address));
  }

  private static Optional<BigInteger> value(String part) {
    if (!PART.matcher(part).matches()) {
      return Optional.empty();
    }
    if (part.length() > 1 && (part.charAt(1) == 'x' || part.charAt(1) == 'X')) {
      return Optional.of(new BigInteger(part.substring(2), 16));
    }
    return Optional.of(part.startsWith("0") ? new BigInteger("0" + part, 8) : new BigInteger(part));
  }

  private static InetAddress v4Address(long address) {
    byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static Optional<InetAddress> v6(String s) {
    if (!V6.matcher(s).matches()) {
      return Optional.empty();
    }
    try {
      InetAddress a = InetAddress.getByName(s); // has a colon: parsed as an IPv6 literal, never looked up
      return Optional.of(a instanceof Inet4Address ? mapped(a.getAddress()) : a);
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

package io.aiox.policy.tool.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a tool may not reach unless the agent's policy names them: everything that is not a public
 * unicast address. IPv6 addresses that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the
 * IPv4 address they carry, so {@code ::ffff:127.0.0.1} is loopback like {@code 127.0.0.1}.
 */
public final class AddressRules {
  private record Blocked(AddressRange range, String kind) {}

  private static final List<Blocked> BLOCKED = List.of(
      block("0.0.0.0/8", "unspecified ('this network')"), block("10.0.0.0/8", "private"),
      block("100.64.0.0/10", "carrier-grade NAT"), block("127.0.0.0/8", "loopback"),
      block("169.254.0.0/16", "link-local"), block("172.16.0.0/12", "private"),
      block("192.0.0.0/24", "IETF protocol assignment"), block("192.0.2.0/24", "documentation"),
      block("192.168.0.0/16", "private"), block("198.18.0.0/15", "benchmarking"),
      block("198.51.100.0/24", "documentation"), block("203.0.113.0/24", "documentation"),
      block("224.0.0.0/4", "multicast"), block("240.0.0.0/4", "reserved or broadcast"),
      block("::/128", "unspecified"), block("::1/128", "loopback"), block("fc00::/7", "private (unique local)"),
      block("fe80::/10", "link-local"), block("fec0::/10", "site-local"), block("ff00::/8", "multicast"),
      block("100::/64", "discard-only"), block("2001:db8::/32", "documentation"),
      block("2001::/32", "Teredo tunnel"));

  private static final AddressRange MAPPED = AddressRange.parse("::ffff:0:0/96");
  private static final AddressRange COMPATIBLE = AddressRange.parse("::/96");
  private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
  private static final AddressRange NAT64_LOCAL = AddressRange.parse("64:ff9b:1::/48");
  private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

  private AddressRules() {}

  private static Blocked block(String cidr, String kind) {
    return new Blocked(AddressRange.parse(cidr), kind);
  }

  /** Why the address is internal ("loopback", "private", ...), or empty for a public unicast address. */
  public static Optional<String> internal(InetAddress address) {
    byte[] b = address.getAddress();
    for (Blocked blocked : BLOCKED) {
      if (blocked.range().contains(b)) {
        return Optional.of(blocked.kind());
      }
    }
    if (NAT64_LOCAL.contains(b)) {
      return Optional.of("local-use NAT64");
    }
    return embeddedV4(b).flatMap(v4 -> internal(v4).map(kind -> kind + ", carried in IPv6"));
  }

  /** The IPv4 address behind an IPv4-mapped or -compatible IPv6 address (the same host), else the address. */
  public static InetAddress unwrap(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 16 && (MAPPED.contains(b) || COMPATIBLE.contains(b))
        ? v4(Arrays.copyOfRange(b, 12, 16)) : address;
  }

  private static Optional<InetAddress> embeddedV4(byte[] b) {
    if (b.length != 16) {
      return Optional.empty();
    }
    if (MAPPED.contains(b) || COMPATIBLE.contains(b) || NAT64.contains(b)) {
      return Optional.of(v4(Arrays.copyOfRange(b, 12, 16)));
    }
    if (SIX_TO_FOUR.contains(b)) {
      return Optional.of(v4(Arrays.copyOfRange(b, 2, 6)));
    }
    return Optional.empty();
  }

  private static InetAddress v4(byte[] four) {
    try {
      return (Inet4Address) InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}

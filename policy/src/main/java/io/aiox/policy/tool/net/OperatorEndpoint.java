package io.aiox.policy.tool.net;

import java.util.List;
import java.util.stream.Stream;

/**
 * The network rule for a host the operator named in the hub's configuration (a search endpoint, the hub's own
 * upload service) rather than one an owner or a model chose. The owner's allowed domains do not apply to it, and it
 * may be on the operator's own network: loopback, private, carrier-grade NAT and unique-local addresses are allowed.
 * Every other internal address, link-local above all ({@code 169.254.169.254} is the cloud metadata service), stays
 * refused unless the operator lists it too. The connection still goes to the vetted address.
 *
 * @param host the host as the operator wrote it
 * @param allowedAddresses what the operator listed beyond the in-house ranges
 */
public record OperatorEndpoint(String host, List<AddressRange> allowedAddresses) {
  /** The ranges an operator's own services usually live in. */
  public static final List<AddressRange> IN_HOUSE = Stream.of("127.0.0.0/8", "::1/128", "10.0.0.0/8",
      "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7").map(AddressRange::parse).toList();

  public OperatorEndpoint {
    allowedAddresses = List.copyOf(allowedAddresses);
  }

  /** The host's domain list: itself only. */
  public DomainList domains() {
    return DomainList.of(List.of(DomainList.normalize(host)));
  }

  /** The in-house ranges and the operator's own. */
  public List<AddressRange> addresses() {
    return Stream.concat(IN_HOUSE.stream(), allowedAddresses.stream()).toList();
  }
}

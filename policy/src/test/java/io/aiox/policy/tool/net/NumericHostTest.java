package io.aiox.policy.tool.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hosts as the C library reads them (rfc/aiox-agents.md section 9.3): a host made of numbers is an address however
 * it is written, admitted only where the allowed domains list that address, never by {@code *}, and never looked up.
 */
class NumericHostTest {
  private static final DomainList ANY_NAME = DomainList.of(List.of("*"));
  /** A resolver that fails the test: numeric hosts must be judged as addresses, not looked up. */
  private static final NetworkGuard NO_LOOKUP = new NetworkGuard(host -> {
    throw new AssertionError("looked up " + host);
  });

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "127.1, 127.0.0.1", "0x7f.1, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "2130706433, 127.0.0.1",
      "0x7f000001, 127.0.0.1", "127.0.0.1., 127.0.0.1", "0X7F.0.1, 127.0.0.1", "017700000001, 127.0.0.1",
      "0.0.0.0, 0.0.0.0", "0, 0.0.0.0", "10.1, 10.0.0.1", "0xa9fea9fe, 169.254.169.254",
      "0xa9.0376.0xa9fe, 169.254.169.254", "169.254.43518, 169.254.169.254", "8.8.8.8, 8.8.8.8",
      "0x08080808, 8.8.8.8", "4294967295, 255.255.255.255", "1.2.3.010, 1.2.3.8", "1.0x000000000ff, 1.0.0.255",
      "[::1], ::1", "[::ffff:127.0.0.1], ::ffff:7f00:1", "[::ffff:7f00:1], ::ffff:7f00:1"})
  void a_numeric_host_is_the_address_inet_aton_reads(String host, String address) throws Exception {
    byte[] expected = address.contains(":") ? literal(address).getAddress() // IPv4-mapped keeps its 16 bytes
        : InetAddress.getByName(address).getAddress(); // a dotted quad: Java reads it as everyone does
    assertThat(IpLiteral.addressLike(DomainList.normalize(host))).isTrue();
    assertThat(IpLiteral.parse(DomainList.normalize(host)).orElseThrow().getAddress()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.1", "0x7f.1", "0177.0.0.1", "2130706433", "0x7f000001", "127.0.0.1.",
      "[::ffff:127.0.0.1]", "[::1]", "0.0.0.0", "0", "10.1", "0xa9fea9fe", "8.8.8.8", "0x08080808"})
  void star_never_admits_an_address_however_it_is_written(String host) {
    assertThat(refusal(NO_LOOKUP, host, ANY_NAME, List.of())).contains("not in the agent's allowed domains")
        .contains("'*' and wildcards admit names, not addresses");
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource({
      "127.1, 127.0.0.1, 127.1 (127.0.0.1) is a loopback address",
      "0x7f.1, 127.0.0.1, 0x7f.1 (127.0.0.1) is a loopback address",
      "0177.0.0.1, 127.0.0.1, loopback", "2130706433, 127.0.0.1, loopback", "0x7f000001, 127.0.0.1, loopback",
      "127.0.0.1., 127.0.0.1, loopback", "[::ffff:127.0.0.1], ::ffff:127.0.0.1, loopback", "[::1], ::1, loopback",
      "0, 0.0.0.0, unspecified", "10.1, 10.0.0.1, private", "0xa9fea9fe, 169.254.169.254, link-local"})
  void an_internal_address_the_domains_list_is_still_refused_unless_allowed_addresses_lists_it(String host,
      String listed, String reason) {
    assertThat(refusal(NO_LOOKUP, host, DomainList.of(List.of(listed)), List.of())).contains(reason)
        .contains("internal addresses are refused");
  }

  @ParameterizedTest
  @ValueSource(strings = {"08.1", "09", "0.0.0.08", "256.1", "1.256.1", "127.16777216", "4294967296", "1.2.3.4.5",
      "0x", "0x.1", "1..1", "example.123", "example.0x7f", "[fe80::1%25eth0]", "[::1", "1:2", "[.:1]"})
  void a_numeric_host_that_is_no_valid_address_is_refused_not_looked_up(String host) {
    assertThat(refusal(NO_LOOKUP, host, ANY_NAME, List.of())).contains("is written as an IP address but is not"
        + " a valid one");
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "API.Example.com.", "0x7f.example", "127.0.0.1.example", "1e1", "a1",
      "xn--bcher-kva.example", "123.example.com"})
  void names_stay_names_and_are_resolved(String host) {
    NetworkGuard guard = new NetworkGuard(name -> Future.succeededFuture(List.of(literal("93.184.216.34"))));
    assertThat(IpLiteral.addressLike(DomainList.normalize(host))).isFalse();
    assertThat(guard.vet(host, ANY_NAME, List.of()).await().address().getHostAddress()).isEqualTo("93.184.216.34");
  }

  @Test
  void a_host_that_is_neither_a_name_nor_an_address_is_refused() {
    assertThat(refusal(NO_LOOKUP, "a_b.example", ANY_NAME, List.of())).contains("is not a host name");
    assertThat(refusal(NO_LOOKUP, "%31%32%37.0.0.1", ANY_NAME, List.of())).contains("not a valid one");
    assertThat(refusal(NO_LOOKUP, "bücher.example", ANY_NAME, List.of())).contains("xn--");
  }

  @Test
  void an_address_both_lists_name_is_reached_in_any_form_at_its_canonical_address() {
    DomainList domains = DomainList.of(List.of("127.0.0.1"));
    List<AddressRange> allowed = List.of(AddressRange.parse("127.0.0.0/8"));
    for (String form : List.of("127.1", "0x7f.1", "0177.0.0.1", "2130706433", "127.0.0.1.")) {
      VettedTarget t = NO_LOOKUP.vet(form, domains, allowed).await();
      assertThat(t.address().getHostAddress()).as(form).isEqualTo("127.0.0.1");
      assertThat(t.host()).as(form).isEqualTo("127.0.0.1");
    }
    assertThat(DomainList.of(List.of("127.1")).matches("127.0.0.1")).as("an entry may be written either way").isTrue();
  }

  private static InetAddress literal(String a) {
    return IpLiteral.parse(a).orElseThrow();
  }

  private static String refusal(NetworkGuard guard, String host, DomainList domains, List<AddressRange> allowed) {
    Throwable e = guard.vet(host, domains, allowed).toCompletionStage().handle((v, t) -> t).toCompletableFuture()
        .join();
    assertThat(e).as(host + " was admitted").isInstanceOf(NetworkDenied.class);
    return e.getMessage();
  }
}

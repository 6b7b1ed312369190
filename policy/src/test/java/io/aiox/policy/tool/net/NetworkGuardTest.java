package io.aiox.policy.tool.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The network rule (rfc/aiox-agents.md section 9.3): internal addresses refused unless listed; domains matched. */
class NetworkGuardTest {
  private static final DomainList ANY = DomainList.of(List.of("*", "127.0.0.1", "10.1.2.3", "169.254.169.254",
      "::1", "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1", "64:ff9b::7f00:1"));
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static NetworkGuard guard(Map<String, List<String>> names) {
    return new NetworkGuard(host -> {
      List<String> addresses = names.get(host);
      if (addresses == null) {
        return Future.failedFuture(new java.net.UnknownHostException(host));
      }
      return Future.succeededFuture(addresses.stream().map(NetworkGuardTest::literal).toList());
    });
  }

  private static InetAddress literal(String a) {
    return IpLiteral.parse(a).orElseThrow();
  }

  private static String refusal(NetworkGuard guard, String host, DomainList domains, List<AddressRange> allowed) {
    Throwable e = guard.vet(host, domains, allowed).toCompletionStage().handle((v, t) -> t).toCompletableFuture()
        .join();
    return e == null ? null : e.getMessage();
  }

  @Test
  void refuses_loopback_private_link_local_unspecified_cgnat_literals() {
    NetworkGuard guard = guard(Map.of());
    assertThat(refusal(guard, "127.0.0.1", ANY, List.of())).contains("loopback");
    assertThat(refusal(guard, "10.1.2.3", ANY, List.of())).contains("private");
    assertThat(refusal(guard, "169.254.169.254", ANY, List.of())).contains("link-local");
    assertThat(refusal(guard, "[::1]", ANY, List.of())).contains("loopback");
    assertThat(refusal(guard, "0.0.0.0", ANY, List.of())).contains("unspecified");
    assertThat(refusal(guard, "100.64.0.1", ANY, List.of())).contains("carrier-grade NAT");
  }

  @Test
  void refuses_ipv6_forms_that_carry_an_internal_ipv4_address() {
    NetworkGuard guard = guard(Map.of());
    assertThat(refusal(guard, "[::ffff:127.0.0.1]", ANY, List.of())).contains("loopback");
    assertThat(refusal(guard, "[64:ff9b::7f00:1]", ANY, List.of())).contains("loopback, carried in IPv6");
  }

  @Test
  void refuses_a_name_when_any_of_its_addresses_is_internal() {
    NetworkGuard guard = guard(Map.of("mixed.example.com", List.of("93.184.216.34", "127.0.0.1")));
    assertThat(refusal(guard, "mixed.example.com", ANY, List.of())).contains("127.0.0.1").contains("loopback");
  }

  @Test
  void refuses_localhost_through_the_system_resolver() {
    NetworkGuard guard = new NetworkGuard(HostResolver.system(vertx));
    assertThat(refusal(guard, "localhost", ANY, List.of())).contains("localhost resolves to").contains("loopback");
  }

  @Test
  void admits_an_internal_address_the_policy_lists_and_pins_it() {
    NetworkGuard guard = guard(Map.of("api.internal.test", List.of("127.0.0.1")));
    VettedTarget t = guard.vet("api.internal.test", DomainList.of(List.of("*.internal.test")),
        List.of(AddressRange.parse("127.0.0.0/8"))).await();
    assertThat(t.host()).isEqualTo("api.internal.test");
    assertThat(t.address().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(refusal(guard, "[::ffff:127.0.0.1]", ANY, List.of(AddressRange.parse("127.0.0.1")))).isNull();
  }

  @Test
  void admits_a_public_address_of_an_allowed_domain() {
    NetworkGuard guard = guard(Map.of("api.example.com", List.of("93.184.216.34", "2606:2800:220:1::1")));
    VettedTarget t = guard.vet("API.Example.com.", DomainList.of(List.of("api.example.com")), List.of()).await();
    assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
  }

  @Test
  void refuses_hosts_outside_the_allowed_domains_before_resolving_them() {
    NetworkGuard guard = new NetworkGuard(host -> {
      throw new AssertionError("must not resolve " + host);
    });
    assertThat(refusal(guard, "evil.test", DomainList.of(List.of("*.example.com")), List.of()))
        .contains("not in the agent's allowed domains");
    assertThat(refusal(guard, "8.8.8.8", DomainList.of(List.of("*")), List.of()))
        .as("'*' admits names, not address literals").contains("not in the agent's allowed domains")
        .contains("'*' and wildcards admit names, not addresses");
    assertThat(refusal(guard, "x.test", DomainList.of(List.of()), List.of())).contains("allowed domains");
  }

  @Test
  void a_name_that_does_not_resolve_is_refused() {
    assertThat(refusal(guard(Map.of()), "nowhere.example.com", ANY, List.of())).contains("does not resolve");
  }

  @Test
  void domain_entries_match_exactly_or_below_a_wildcard() {
    DomainList list = DomainList.of(List.of("api.example.com", "*.files.example.org", "[2001:4860::8888]"));
    assertThat(list.matches("api.example.com")).isTrue();
    assertThat(list.matches("API.EXAMPLE.COM.")).isTrue();
    assertThat(list.matches("www.example.com")).isFalse();
    assertThat(list.matches("example.com")).isFalse();
    assertThat(list.matches("a.files.example.org")).isTrue();
    assertThat(list.matches("a.b.files.example.org")).isTrue();
    assertThat(list.matches("files.example.org")).as("a wildcard does not cover its apex").isFalse();
    assertThat(list.matches("evilfiles.example.org")).isFalse();
    assertThat(list.matches("api.example.com.evil.test")).isFalse();
    assertThat(list.matches("[2001:4860:0:0::8888]")).isTrue();
    assertThatThrownBy(() -> DomainList.of(List.of("exa mple.com"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DomainList.of(List.of("*.*.com"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classifies_addresses() {
    assertThat(AddressRules.internal(literal("8.8.8.8"))).isEmpty();
    assertThat(AddressRules.internal(literal("2606:4700::1111"))).isEmpty();
    assertThat(AddressRules.internal(literal("172.31.255.255"))).contains("private");
    assertThat(AddressRules.internal(literal("172.32.0.1"))).isEmpty();
    assertThat(AddressRules.internal(literal("192.168.1.1"))).contains("private");
    assertThat(AddressRules.internal(literal("fd12::1"))).contains("private (unique local)");
    assertThat(AddressRules.internal(literal("fe80::1"))).contains("link-local");
    assertThat(AddressRules.internal(literal("224.0.0.1"))).contains("multicast");
    assertThat(AddressRules.internal(literal("ff02::1"))).contains("multicast");
    assertThat(AddressRules.internal(literal("::"))).contains("unspecified");
    assertThat(AddressRules.internal(literal("255.255.255.255"))).contains("reserved or broadcast");
    assertThat(AddressRules.internal(literal("2002:a00:1::1"))).contains("private, carried in IPv6");
    assertThat(AddressRules.internal(literal("::ffff:8.8.8.8"))).isEmpty();
  }

  @Test
  void address_ranges_parse_cidr_and_bare_addresses_only() {
    assertThat(AddressRange.parse("10.0.0.0/8").contains(literal("10.255.0.1"))).isTrue();
    assertThat(AddressRange.parse("10.0.0.0/8").contains(literal("11.0.0.1"))).isFalse();
    assertThat(AddressRange.parse("fe80::/10").contains(literal("febf::1"))).isTrue();
    assertThat(AddressRange.parse("127.0.0.1").contains(literal("127.0.0.2"))).isFalse();
    assertThatThrownBy(() -> AddressRange.parse("localhost")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
  }
}

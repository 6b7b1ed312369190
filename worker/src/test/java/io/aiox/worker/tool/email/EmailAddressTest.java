package io.aiox.worker.tool.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Addresses a model may give email_sender: plain mailboxes only (RFC 5321 section 4.1.2, dot-atom forms). */
class EmailAddressTest {
  private static String problem(String text) {
    return EmailAddress.parse(text).problem();
  }

  @Test
  void accepts_plain_mailboxes_and_lowers_the_domain() {
    EmailAddress a = EmailAddress.parse("Ann.Lee+reports@Example.COM").address().orElseThrow();
    assertThat(a.local()).isEqualTo("Ann.Lee+reports");
    assertThat(a.domain()).isEqualTo("example.com");
    assertThat(a).hasToString("Ann.Lee+reports@example.com");
  }

  @Test
  void refuses_anything_that_could_carry_a_second_address_or_a_header() {
    assertThat(problem("ann@example.com\r\nBcc: eve@example.com")).contains("may not appear before '@'")
        .doesNotContain("\r");
    assertThat(problem("ann@example.com, eve@example.com")).contains("may not appear before '@'");
    assertThat(problem("eve@example.com\r\nBcc: x")).contains("does not end in a domain name");
    assertThat(problem("Ann <ann@example.com>")).contains("may not appear before '@'");
    assertThat(problem("\"ann lee\"@example.com")).contains("may not appear before '@'");
    assertThat(problem("ann..lee@example.com")).contains("may not appear before '@'");
    assertThat(problem("ann@localhost")).contains("does not end in a domain name");
    assertThat(problem("ann@[127.0.0.1]")).contains("does not end in a domain name");
    assertThat(problem("not an address")).contains("is not of the form name@domain");
    assertThat(problem("@example.com")).contains("is not of the form name@domain");
    assertThat(problem("x".repeat(65) + "@example.com")).contains("at most 64 characters before '@'");
  }
}

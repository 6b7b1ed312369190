package io.aiox.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** RFC 5802 section 5: the example exchange, user "user" with password "pencil". */
class ScramSha1Test {
  private static final String NONCE = "fyko+d2lbbFgONRv9qkxdawL";

  @Test
  void client_first_message_is_the_rfc_example() {
    assertThat(decode(new ScramSha1("user", "pencil", NONCE).clientFirst()))
        .isEqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
  }

  @Test
  void client_final_message_carries_the_rfc_proof() {
    String serverFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    assertThat(decode(new ScramSha1("user", "pencil", NONCE).clientFinal(encode(serverFirst))))
        .isEqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
  }

  /** Section 5.1: the server's nonce must start with the client's. */
  @Test
  void refuses_a_server_nonce_that_does_not_extend_the_clients() {
    ScramSha1 scram = new ScramSha1("user", "pencil", NONCE);
    assertThatThrownBy(() -> scram.clientFinal(encode("r=other,s=QSXCR+Q6sek8bf92,i=4096")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}

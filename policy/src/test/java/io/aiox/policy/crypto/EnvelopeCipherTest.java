package io.aiox.policy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** AES-256-GCM envelopes: what opens, and everything that must not. */
class EnvelopeCipherTest {
  private static final byte[] PROMPT = "You are a careful assistant.".getBytes(StandardCharsets.UTF_8);
  private final OwnerId owner = OwnerId.random();
  private final DataKey key = DataKey.generate(owner, 3);
  private final AgentId agent = AgentId.random();

  @Test
  void a_sealed_value_opens_with_the_same_key_and_context() {
    byte[] sealed = EnvelopeCipher.seal(key.key(), key.version(), Contexts.systemPrompt(agent), PROMPT);
    assertThat(EnvelopeCipher.open(key.key(), Contexts.systemPrompt(agent), sealed)).isEqualTo(PROMPT);
  }

  @Test
  void the_format_carries_a_version_byte_the_key_version_and_a_fresh_96_bit_nonce() {
    byte[] a = EnvelopeCipher.seal(key.key(), 3, Contexts.systemPrompt(agent), PROMPT);
    byte[] b = EnvelopeCipher.seal(key.key(), 3, Contexts.systemPrompt(agent), PROMPT);
    assertThat(a[0]).isEqualTo(EnvelopeCipher.FORMAT_V1);
    assertThat(EnvelopeCipher.keyVersion(a)).isEqualTo(3);
    assertThat(a).hasSize(5 + 12 + PROMPT.length + 16);
    assertThat(java.util.Arrays.copyOfRange(a, 5, 17)).isNotEqualTo(java.util.Arrays.copyOfRange(b, 5, 17));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void another_agents_id_as_associated_data_does_not_open_it() {
    byte[] sealed = EnvelopeCipher.seal(key.key(), 3, Contexts.systemPrompt(agent), PROMPT);
    assertThatThrownBy(() -> EnvelopeCipher.open(key.key(), Contexts.systemPrompt(AgentId.random()), sealed))
        .isInstanceOf(CryptoFailure.class).hasMessageContaining("authentication failed")
        .extracting(e -> ((CryptoFailure) e).kind()).isEqualTo(CryptoFailure.Kind.CANNOT_OPEN);
  }

  @Test
  void a_system_prompt_does_not_open_as_an_owner_secret_nor_one_secret_as_another() {
    byte[] secret = EnvelopeCipher.seal(key.key(), 3, Contexts.ownerSecret(owner, "provider.openai"), PROMPT);
    assertThatThrownBy(() -> EnvelopeCipher.open(key.key(), Contexts.ownerSecret(owner, "tool.search"), secret))
        .isInstanceOf(CryptoFailure.class);
    assertThatThrownBy(() -> EnvelopeCipher.open(key.key(), Contexts.ownerSecret(OwnerId.random(), "provider.openai"),
        secret)).isInstanceOf(CryptoFailure.class);
  }

  @Test
  void any_flipped_bit_is_detected() {
    byte[] sealed = EnvelopeCipher.seal(key.key(), 3, Contexts.systemPrompt(agent), PROMPT);
    for (int i = 1; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> EnvelopeCipher.open(key.key(), Contexts.systemPrompt(agent), tampered))
          .as("byte %d flipped", i).isInstanceOf(CryptoFailure.class);
    }
  }

  @Test
  void a_truncated_value_or_an_unknown_format_is_refused() {
    byte[] sealed = EnvelopeCipher.seal(key.key(), 3, Contexts.systemPrompt(agent), PROMPT);
    byte[] unknownFormat = sealed.clone();
    unknownFormat[0] = 9;
    assertThatThrownBy(() -> EnvelopeCipher.open(key.key(), Contexts.systemPrompt(agent), unknownFormat))
        .hasMessageContaining("known format");
    assertThatThrownBy(() -> EnvelopeCipher.open(key.key(), Contexts.systemPrompt(agent),
        java.util.Arrays.copyOf(sealed, 20))).isInstanceOf(CryptoFailure.class);
  }

  @Test
  void another_data_key_does_not_open_it() {
    byte[] sealed = EnvelopeCipher.seal(key.key(), 3, Contexts.systemPrompt(agent), PROMPT);
    assertThatThrownBy(() -> EnvelopeCipher.open(DataKey.generate(owner, 3).key(), Contexts.systemPrompt(agent),
        sealed)).isInstanceOf(CryptoFailure.class);
  }

  @Test
  void an_empty_value_round_trips() {
    byte[] sealed = EnvelopeCipher.seal(key.key(), 1, Contexts.systemPrompt(agent), new byte[0]);
    assertThat(EnvelopeCipher.open(key.key(), Contexts.systemPrompt(agent), sealed)).isEmpty();
  }
}

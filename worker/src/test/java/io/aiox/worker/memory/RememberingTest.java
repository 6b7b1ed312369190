package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RememberingTest {
  @Test
  void a_full_exchange_keeps_both_sides_and_is_capped() {
    assertThat(Remembering.exchange(" My cat is Tom. ", "Nice name!"))
        .isEqualTo("User: My cat is Tom.\nAgent: Nice name!");
    assertThat(Remembering.exchange("a".repeat(10_000), "b")).hasSize(Remembering.MAX_FULL_CHARS).endsWith("…");
  }

  @Test
  void a_summary_keeps_the_first_sentence_of_each_side() {
    assertThat(Remembering.summary("My cat is Tom. He is grey.", "Nice!  Tell me more."))
        .isEqualTo("User said: My cat is Tom. Agent answered: Nice!");
    assertThat(Remembering.summary("no full stop here", "")).isEqualTo("User said: no full stop here");
    assertThat(Remembering.firstSentence("v1.2 is out. Yes")).isEqualTo("v1.2 is out.");
    assertThat(Remembering.firstSentence("z".repeat(500))).hasSize(Remembering.MAX_SUMMARY_PART);
  }
}

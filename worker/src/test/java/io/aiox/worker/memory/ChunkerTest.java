package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private final Chunker chunker = new Chunker(100, 30);

  @Test
  void a_short_text_is_one_chunk_with_its_whitespace_collapsed() {
    assertThat(chunker.chunks("  One   sentence.\n\nAnother one.  ")).containsExactly("One sentence. Another one.");
  }

  @Test
  void chunks_keep_sentences_whole_stay_within_the_size_and_repeat_the_last_sentence_that_fits_the_overlap() {
    String text = "Alpha has ten words in it to fill up space. Beta is short. "
        + "Gamma also has a number of words in it to fill. Delta ends here. Epsilon closes the text.";
    List<String> chunks = chunker.chunks(text);
    assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(100));
    assertThat(chunks.get(0)).startsWith("Alpha").contains("Beta is short.");
    assertThat(chunks.get(1)).startsWith("Beta is short.");
    assertThat(String.join(" ", chunks)).contains("Epsilon closes the text.");
  }

  @Test
  void a_sentence_longer_than_a_chunk_is_cut_at_word_boundaries() {
    String words = "word ".repeat(100).strip();
    List<String> chunks = chunker.chunks(words);
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.length()).isLessThanOrEqualTo(100);
      assertThat(c).doesNotStartWith(" ").matches("(word ?)+");
    });
    assertThat(String.join(" ", chunks).split(" ").length).isGreaterThanOrEqualTo(100);
  }

  @Test
  void empty_text_has_no_chunks() {
    assertThat(chunker.chunks(" \n\n ")).isEmpty();
  }

  @Test
  void refuses_an_overlap_of_half_the_chunk_or_more() {
    assertThatThrownBy(() -> new Chunker(100, 50)).isInstanceOf(IllegalArgumentException.class);
  }
}

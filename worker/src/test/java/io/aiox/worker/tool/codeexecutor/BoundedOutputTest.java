package io.aiox.worker.tool.codeexecutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {
  @Test
  void output_within_the_cap_is_kept_whole_without_a_marker() {
    BoundedOutput out = BoundedOutput.drain(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)), 6);
    assertThat(out.truncated()).isFalse();
    assertThat(out.text()).isEqualTo("hello\n");
  }

  @Test
  void output_past_the_cap_is_read_to_the_end_counted_and_cut_with_a_marker() {
    BoundedOutput out = BoundedOutput.drain(new ByteArrayInputStream(new byte[100_000]), 1_000);
    assertThat(out.kept()).hasSize(1_000);
    assertThat(out.total()).isEqualTo(100_000);
    assertThat(out.truncated()).isTrue();
    assertThat(out.text()).endsWith("\n[output truncated: 1000 of 100000 bytes shown]");
  }
}

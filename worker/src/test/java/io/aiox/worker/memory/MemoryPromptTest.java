package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.memory.Memory;
import io.aiox.schema.memory.MemoryId;
import io.aiox.schema.memory.MemoryKind;
import io.aiox.schema.memory.RecalledMemory;
import io.aiox.worker.memory.MemoryPrompt.Rendered;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemoryPromptTest {
  private static final OffsetDateTime WHEN = OffsetDateTime.of(2026, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void each_memory_is_a_line_naming_its_kind_source_and_date_best_first() {
    Rendered r = MemoryPrompt.render(List.of(recalled(MemoryKind.FACT, "told by the owner", "The cat is Tom."),
        recalled(MemoryKind.DOCUMENT, "https://example.com/a.pdf", "Line one\nline two")), 512);
    assertThat(r.section()).isEqualTo(MemoryPrompt.HEADING
        + "\n- [fact told by the owner, 2026-05-01] The cat is Tom."
        + "\n- [document https://example.com/a.pdf, 2026-05-01] Line one line two");
    assertThat(r.used()).hasSize(2);
  }

  @Test
  void the_token_budget_holds_memories_that_do_not_fit_are_left_out() {
    String long1 = "x".repeat(600);
    Rendered r = MemoryPrompt.render(List.of(recalled(MemoryKind.FACT, "a", "short one"),
        recalled(MemoryKind.FACT, "b", long1), recalled(MemoryKind.FACT, "c", "another short one")), 100);
    assertThat(r.used()).extracting(m -> m.memory().source()).containsExactly("a");
    assertThat(r.section().length() / 3).isLessThanOrEqualTo(100);
  }

  @Test
  void a_first_memory_larger_than_the_budget_is_cut_not_dropped() {
    Rendered r = MemoryPrompt.render(List.of(recalled(MemoryKind.DOCUMENT, "d", "y".repeat(2_000))), 100);
    assertThat(r.used()).hasSize(1);
    assertThat(r.section()).endsWith("…");
    assertThat(r.section().length()).isLessThan(400);
  }

  @Test
  void nothing_recalled_or_no_budget_adds_nothing() {
    assertThat(MemoryPrompt.render(List.of(), 500)).isEqualTo(Rendered.NONE);
    assertThat(MemoryPrompt.render(List.of(recalled(MemoryKind.FACT, "a", "b")), 0)).isEqualTo(Rendered.NONE);
  }

  private static RecalledMemory recalled(MemoryKind kind, String source, String content) {
    return new RecalledMemory(new Memory(new MemoryId(UUID.randomUUID()), AgentId.random(), kind, source, content,
        WHEN), 0.8);
  }
}

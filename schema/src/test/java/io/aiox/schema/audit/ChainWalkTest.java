package io.aiox.schema.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.OwnerId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-entry checks, on hashes made up here (the database computes the real ones; AuditChainVerifierIT). */
class ChainWalkTest {
  private static final byte[] H1 = {1};
  private static final byte[] H2 = {2};

  private final ChainWalk walk = new ChainWalk(OwnerId.random(), Optional.empty());

  @Test
  void a_chain_that_links_and_hashes_holds() {
    assertThat(walk.accept(UUID.randomUUID(), 1, null, H1, H1)).isTrue();
    assertThat(walk.accept(UUID.randomUUID(), 2, H1, H2, H2)).isTrue();
    assertThat(walk.report().holds()).isTrue();
    assertThat(walk.report().headHash()).isEqualTo("02");
  }

  @Test
  void a_chain_that_does_not_start_at_one_is_a_gap() {
    assertThat(walk.accept(UUID.randomUUID(), 2, null, H1, H1)).isFalse();
    assertThat(walk.report().broken().orElseThrow().reason()).isEqualTo(BreakReason.GAP);
    assertThat(walk.report().broken().orElseThrow().detail()).contains("starts at seq 2");
  }

  @Test
  void a_first_entry_with_a_prev_hash_does_not_link() {
    assertThat(walk.accept(UUID.randomUUID(), 1, H2, H1, H1)).isFalse();
    assertThat(walk.report().broken().orElseThrow().reason()).isEqualTo(BreakReason.PREV_HASH_MISMATCH);
  }

  @Test
  void only_the_first_break_is_reported() {
    UUID first = UUID.randomUUID();
    walk.accept(first, 1, null, H1, H2);
    assertThat(walk.accept(UUID.randomUUID(), 3, H1, H2, H2)).isFalse();
    assertThat(walk.report().broken().orElseThrow().entry()).isEqualTo(first);
    assertThat(walk.report().entries()).isEqualTo(1);
  }
}

package io.aiox.worker.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.policy.quota.Reservation;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HandedOverTurnTest {
  private static final AgentId AGENT = new AgentId(UUID.randomUUID());
  private static final OwnerId OWNER = new OwnerId(UUID.randomUUID());
  private static final String STANZA = "<message xmlns=\"jabber:component:accept\" from=\"alice@hub.test/phone\""
      + " to=\"a@agents.hub.test\" id=\"m-1\" type=\"chat\"/>";

  @Test
  void an_answer_with_its_reservation_and_counts_reads_back_equal() {
    Reservation r = new Reservation("r-1", OWNER, AGENT, Optional.empty(), 321, LocalDate.of(2026, 12, 2),
        Instant.ofEpochMilli(1_796_000_000_000L), OWNER);
    HandedOverTurn sent = HandedOverTurn.answered(STANZA, Optional.of(r),
        TurnReply.counted("hello", "openai", "m", 10, 5));

    assertThat(TurnWire.decode(TurnWire.encode(sent))).isEqualTo(sent);
  }

  @Test
  void a_failure_keeps_its_reason_and_text() {
    HandedOverTurn sent = HandedOverTurn.failed(STANZA, Optional.empty(), TurnFailure.BUSY, "the queue is full");

    HandedOverTurn read = (HandedOverTurn) TurnWire.decode(TurnWire.encode(sent));

    assertThat(read.failure()).contains(TurnFailure.BUSY);
    assertThat(read.text()).isEqualTo("the queue is full");
    assertThat(read.answer()).isEmpty();
  }

  @Test
  void one_with_both_outcomes_or_neither_is_refused_with_a_reason() {
    assertThatThrownBy(() -> new HandedOverTurn(STANZA, Optional.empty(), Optional.of(TurnReply.of("x")),
        Optional.of(TurnFailure.BUSY), "x")).hasMessageContaining("an answer or a failure");
    assertThatThrownBy(() -> new HandedOverTurn(STANZA, Optional.empty(), Optional.empty(), Optional.empty(), "x"))
        .hasMessageContaining("an answer or a failure");
  }
}

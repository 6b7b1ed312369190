package io.aiox.worker.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.policy.quota.Reservation;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.a2a.Chain;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TurnRequestTest {
  private static final AgentId AGENT = new AgentId(UUID.randomUUID());
  private static final OwnerId OWNER = new OwnerId(UUID.randomUUID());

  @Test
  void a_persons_message_with_everything_carried_along_reads_back_equal() {
    Reservation r = new Reservation("r-1", OWNER, AGENT, Optional.of("remote.example"), 321,
        LocalDate.of(2026, 12, 2), Instant.ofEpochMilli(1_796_000_000_000L), OWNER);
    TurnRequest sent = TurnRequest.of("req-1", AGENT, OWNER, "alice@hub.test/phone", "hello").reserved(r)
        .withToolStatus().streamingTo("aiox.chat.partials.x");

    TurnRequest read = TurnRequest.fromJson(sent.toJson());

    assertThat(read).isEqualTo(sent);
    assertThat(read.chainFrom("alice@hub.test")).isEqualTo(Chain.start("alice@hub.test"));
  }

  @Test
  void an_agents_question_keeps_its_chain_and_payer() {
    Chain at = Chain.start("bob@hub.test").next(OWNER);
    TurnRequest sent = TurnRequest.of("req-2", AGENT, OWNER, "agent-x@agents.hub.test", "ask").asked(at);

    TurnRequest read = TurnRequest.fromJson(sent.toJson());

    assertThat(read).isEqualTo(sent);
    assertThat(read.chainFrom("ignored")).isEqualTo(at);
    assertThat(read.toolStatus()).isFalse();
    assertThat(read.reservation()).isEmpty();
  }

  @Test
  void a_request_missing_a_member_is_refused_naming_it() {
    JsonObject json = TurnRequest.of("req-3", AGENT, OWNER, "a@b", "x").toJson();
    json.remove("ownerId");
    assertThatThrownBy(() -> TurnRequest.fromJson(json)).hasMessage("a turn request needs ownerId");
  }
}

package io.aiox.worker.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.policy.quota.Reservation;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.tool.ToolApprovals.Decision;
import io.aiox.worker.turn.TurnWire.MalformedTurnMessage;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every turn message reads back equal from its binary form, and a form that is wrong fails saying what is wrong. */
class TurnWireTest {
  private static final AgentId AGENT = new AgentId(UUID.randomUUID());
  private static final OwnerId OWNER = new OwnerId(UUID.randomUUID());
  private static final OwnerId PAYER = new OwnerId(UUID.randomUUID());

  static TurnRequest everythingCarried() {
    Reservation r = new Reservation("r-1", OWNER, AGENT, Optional.of("remote.example"), 321,
        LocalDate.of(2026, 12, 2), Instant.ofEpochSecond(1_796_000_000L, 123_456_789), PAYER);
    return TurnRequest.of("req-1", AGENT, OWNER, "alice@hub.test/phone", "hello, wörld 👋").reserved(r)
        .withToolStatus().streamingTo("aiox.chat.partials.x");
  }

  static List<TurnMessage> everyKind() {
    return List.of(everythingCarried(),
        TurnRequest.of("req-2", AGENT, OWNER, "agent-x@agents.hub.test", "ask")
            .asked(Chain.start("bob@hub.test").next(OWNER)),
        TurnRequest.of("req-3", AGENT, OWNER, "a@b", "").asked(Chain.start("a@b")),
        TurnReply.counted("hello", "local", "gemma3", 120, 30), TurnReply.of("echo"),
        new TextPiece("req-1", AGENT, "alice@hub.test/phone", "Hel"), new TurnStop(AGENT, "alice@hub.test"),
        new ToolRunning("agent-1@agents.hub.test", "alice@hub.test/phone", "web_search"),
        new TurnAccepted("k-1", UUID.randomUUID().toString()),
        new ApprovalDecision("call-1", Decision.DENIED, "alice@hub.test/phone"),
        new ApprovalDecision("call-2", Decision.EXPIRED, "hub"),
        new TurnFailed(TurnFailure.BUSY, "the queue is full"),
        HandedOverTurn.answered("<message to=\"a@b\"/>", everythingCarried().reservation(),
            TurnReply.counted("hi", "openai", "m", 10, 5)),
        HandedOverTurn.failed("<message/>", Optional.empty(), TurnFailure.REFUSED, "over quota"),
        new WorkerLoad(UUID.randomUUID().toString(), List.of(new WorkerLoad.ModelLoad("gemma3", 2, 0),
            new WorkerLoad.ModelLoad("qwen", 0, 7))),
        new WorkerLoad("idle", List.of()));
  }

  @Test
  void a_load_naming_a_negative_count_of_models_is_refused() {
    Buffer b = TurnWire.encode(new WorkerLoad("n", List.of()));
    b.setInt(b.length() - 4, -1);
    assertThatThrownBy(() -> TurnWire.decode(b)).isInstanceOf(TurnWire.MalformedTurnMessage.class)
        .hasMessageContaining("model count").hasMessageContaining("-1");
  }

  @Test
  void every_kind_reads_back_equal() {
    for (TurnMessage m : everyKind()) {
      assertThat(TurnWire.decode(TurnWire.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void a_message_reads_back_from_where_it_starts_in_a_longer_frame() {
    TurnMessage m = everythingCarried();
    Buffer frame = Buffer.buffer().appendString("headers of the bus");
    int pos = frame.length();
    TurnWire.write(frame, m);
    assertThat(TurnWire.read(frame, pos, TurnWire.Kind.REQUEST)).isEqualTo(m);
  }

  @Test
  void the_form_starts_with_its_length_version_and_kind() {
    Buffer b = TurnWire.encode(new TurnStop(AGENT, "a@b"));
    assertThat(b.getInt(0)).isEqualTo(b.length() - 4);
    assertThat(b.getByte(4)).isEqualTo(TurnWire.VERSION);
    assertThat(b.getByte(5)).isEqualTo((byte) 4);
    // version, kind, the agent's id (16 bytes), the peer (4 bytes of length and 3 of text)
    assertThat(b.length()).isEqualTo(4 + 2 + 16 + 4 + 3);
  }

  @Test
  void a_form_cut_short_names_the_part_missing() {
    Buffer whole = TurnWire.encode(everythingCarried());
    Buffer cut = whole.getBuffer(0, 40);
    cut.setInt(0, cut.length() - 4);
    assertThatThrownBy(() -> TurnWire.decode(cut)).isInstanceOf(MalformedTurnMessage.class)
        .hasMessage("malformed turn message on the event bus: a turn request ends before its owner"
            + " (16 bytes needed, 9 left)");
  }

  @Test
  void a_length_beyond_what_arrived_is_refused() {
    Buffer b = TurnWire.encode(TurnReply.of("x"));
    b.setInt(0, 1_000);
    assertThatThrownBy(() -> TurnWire.decode(b)).isInstanceOf(MalformedTurnMessage.class)
        .hasMessageContaining("a turn message says it is 1000 bytes long, " + (b.length() - 4) + " arrived");
  }

  @Test
  void another_version_is_refused_naming_both() {
    Buffer b = TurnWire.encode(TurnReply.of("x"));
    b.setByte(4, (byte) 9);
    assertThatThrownBy(() -> TurnWire.decode(b))
        .hasMessageContaining("wire version 9; this node reads version 1");
  }

  @Test
  void an_unknown_kind_and_a_kind_the_codec_does_not_carry_are_refused() {
    Buffer unknown = TurnWire.encode(TurnReply.of("x"));
    unknown.setByte(5, (byte) 42);
    assertThatThrownBy(() -> TurnWire.decode(unknown)).hasMessageContaining("unknown turn message kind 42");

    Buffer reply = TurnWire.encode(TurnReply.of("x"));
    assertThatThrownBy(() -> TurnWire.read(reply, 0, TurnWire.Kind.REQUEST))
        .hasMessageContaining("a turn reply arrived where a turn request was expected");
  }

  @Test
  void text_that_is_not_utf8_and_a_flag_that_is_not_0_or_1_are_refused() {
    Buffer b = TurnWire.encode(new ToolRunning("f", "t", "x"));
    b.setByte(b.length() - 1, (byte) 0xff);
    assertThatThrownBy(() -> TurnWire.decode(b)).hasMessageContaining("the tool of a tool status is not UTF-8");

    Buffer flag = TurnWire.encode(TurnReply.of("x"));
    flag.setByte(flag.length() - 1, (byte) 7); // the tokens' presence, last
    assertThatThrownBy(() -> TurnWire.decode(flag))
        .hasMessageContaining("the tokens (present or not) of a turn reply is 7, neither 0 nor 1");
  }

  @Test
  void bytes_beyond_the_parts_are_refused() {
    Buffer b = TurnWire.encode(new TurnAccepted("k", "n")).appendByte((byte) 0);
    b.setInt(0, b.length() - 4);
    assertThatThrownBy(() -> TurnWire.decode(b)).hasMessageContaining("a turn acceptance has 1 bytes more");
  }

  @Test
  void a_failure_code_this_node_does_not_know_reads_as_model_unavailable() {
    Buffer b = TurnWire.encode(new TurnFailed(TurnFailure.BUSY, "x"));
    b.setByte(4 + 2, (byte) 99);
    assertThat(TurnWire.decode(b)).isEqualTo(new TurnFailed(TurnFailure.MODEL_UNAVAILABLE, "x"));
  }

  @Test
  void a_handed_over_turn_with_neither_answer_nor_failure_is_refused() {
    // the stanza, no reservation, no answer, no failure, the text
    Buffer b = Buffer.buffer().appendInt(0).appendByte(TurnWire.VERSION).appendByte((byte) 9)
        .appendInt(10).appendString("<message/>").appendByte((byte) 0).appendByte((byte) 0).appendByte((byte) 0)
        .appendInt(1).appendString("x");
    b.setInt(0, b.length() - 4);
    assertThatThrownBy(() -> TurnWire.decode(b))
        .hasMessageContaining("a handed-over turn has neither an answer nor a failure");
  }

  @Test
  void a_decision_out_of_range_is_refused() {
    Buffer b = TurnWire.encode(new ApprovalDecision("c", Decision.APPROVED, "x"));
    b.setByte(4 + 2 + 4 + 1, (byte) 9);
    assertThatThrownBy(() -> TurnWire.decode(b)).hasMessageContaining("the decision of an approval decision is 9");
  }
}

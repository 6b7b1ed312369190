package io.aiox.worker.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TurnReplyTest {
  @Test
  void a_counted_answer_reads_back_equal() {
    TurnReply sent = TurnReply.counted("hello", "local", "gemma3", 120, 30);
    assertThat(TurnReply.fromJson(sent.toJson())).isEqualTo(sent);
    assertThat(sent.tokens().orElseThrow().total()).isEqualTo(150);
  }

  @Test
  void an_answer_without_counts_has_none_so_the_whole_reservation_is_charged() {
    assertThat(TurnReply.fromJson(Turns.reply("echo")).tokens()).isEmpty();
    assertThat(TurnReply.fromJson(new JsonObject().put("promptTokens", 7)).tokens().orElseThrow().total())
        .isEqualTo(7);
  }
}

package io.aiox.worker.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.worker.turn.TurnWire.MalformedTurnMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The records go over a bus as they are on one machine, and through the binary form to another. */
class TurnCodecTest {
  private final Vertx vertx = TurnCodec.register(Vertx.vertx());

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void on_one_machine_the_receiver_gets_the_same_instance_and_its_reply_too() throws Exception {
    TurnRequest sent = TurnWireTest.everythingCarried();
    TurnReply answer = TurnReply.counted("hi", "p", "m", 1, 2);
    Object[] received = new Object[1];
    vertx.eventBus().<TurnRequest>consumer(Turns.ADDRESS, m -> {
      received[0] = m.body();
      m.reply(answer);
    }).completion().await(10, TimeUnit.SECONDS);

    TurnReply got = vertx.eventBus().<TurnReply>request(Turns.ADDRESS, sent).await(10, TimeUnit.SECONDS).body();

    assertThat(received[0]).isSameAs(sent);
    assertThat(got).isSameAs(answer);
  }

  @Test
  void each_record_has_its_codec_which_carries_it_across_machines() {
    for (TurnMessage m : TurnWireTest.everyKind()) {
      MessageCodec<TurnMessage, TurnMessage> codec = codecOf(m.getClass());
      assertThat(codec.name()).isEqualTo("aiox.turn." + m.getClass().getSimpleName());
      assertThat(codec.transform(m)).isSameAs(m);
      Buffer frame = Buffer.buffer().appendInt(7);
      codec.encodeToWire(frame, m);
      assertThat(codec.decodeFromWire(4, frame)).isEqualTo(m);
    }
  }

  @Test
  void a_codec_refuses_another_kind_and_a_malformed_form() {
    MessageCodec<?, ?> requests = codecOf(TurnRequest.class);
    Buffer stop = TurnWire.encode(new TurnStop(io.aiox.schema.id.AgentId.random(), "a@b"));
    assertThatThrownBy(() -> requests.decodeFromWire(0, stop)).isInstanceOf(MalformedTurnMessage.class)
        .hasMessageContaining("a turn stop arrived where a turn request was expected");
    assertThatThrownBy(() -> requests.decodeFromWire(0, Buffer.buffer("{}")))
        .hasMessageContaining("a turn request needs at least 6 bytes, 2 arrived");
  }

  @SuppressWarnings("unchecked")
  private static MessageCodec<TurnMessage, TurnMessage> codecOf(Class<?> type) {
    return (MessageCodec<TurnMessage, TurnMessage>) (MessageCodec<?, ?>) TurnCodec.all().stream()
        .filter(c -> c.type() == type).findFirst().orElseThrow();
  }
}

package io.aiox.component;

import io.aiox.component.hub.Hub;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.Turns;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Function;

/**
 * Test fixture standing in for a hub's inference workers: answers every turn sent to an address with what a function
 * makes of it, as the records of the turn contract.
 */
public final class FixtureWorker {
  private FixtureWorker() {}

  /** Answers every turn on {@code address} ({@link Turns#ADDRESS} or a model's address) with {@code answer}. */
  public static MessageConsumer<TurnRequest> answer(Hub hub, String address, Function<TurnRequest, TurnReply> answer) {
    return hub.vertx().eventBus().<TurnRequest>consumer(address, m -> m.reply(answer.apply(m.body())));
  }

  /** Answers every turn with {@code answer}. */
  public static MessageConsumer<TurnRequest> answer(Hub hub, Function<TurnRequest, TurnReply> answer) {
    return answer(hub, Turns.ADDRESS, answer);
  }

  /** Answers every turn with {@code echo: } and its text, counting nothing. */
  public static MessageConsumer<TurnRequest> echo(Hub hub) {
    return answer(hub, turn -> TurnReply.of("echo: " + turn.body()));
  }
}

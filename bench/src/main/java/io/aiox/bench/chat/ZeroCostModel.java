package io.aiox.bench.chat;

import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.Turns;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Benchmark fixture standing in for the inference verticle, the way the component's integration tests answer
 * turns: a consumer on {@link Turns#ADDRESS} that replies at once with {@code "echo: " + body}. Unlike the tests'
 * fixture it reports token counts, as every real model does, so the hub settles each turn's quota reservation
 * with a real figure (and records it) as it would in production. The hub's cost per turn is then all that is
 * measured: routing, access, the quota check, chat states, the event-bus hop and the reply.
 */
final class ZeroCostModel {
  private ZeroCostModel() {}

  static MessageConsumer<TurnRequest> answerTurns(EventBus bus) {
    return bus.<TurnRequest>consumer(Turns.ADDRESS, m -> {
      String body = m.body().body();
      int tokens = 1 + body.length() / 4;
      m.reply(TurnReply.counted("echo: " + body, null, null, tokens, tokens + 2));
    });
  }
}

package io.aiox.bench.inference;

import io.aiox.schema.agent.Agent;
import io.aiox.worker.turn.TextPiece;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.Turns;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A turn on {@link Turns#ADDRESS}, as the component sends it, asking for the answer's pieces on a benchmark address
 * ({@link TurnRequest#streamingTo}): TTFT is the arrival of the first piece over the event bus. Every turn has its
 * own peer, so the verticle finds no earlier context and builds the same prompt as the direct call.
 */
final class VerticleTarget implements Target {
  static final String PARTIALS = "aiox.bench.partials";
  private static final DeliveryOptions NO_EARLY_TIMEOUT = new DeliveryOptions().setSendTimeout(300_000);

  private final Vertx vertx;
  private final Agent agent;
  private final Map<String, Timing> running = new ConcurrentHashMap<>();

  private VerticleTarget(Vertx vertx, Agent agent) {
    this.vertx = vertx;
    this.agent = agent;
  }

  /** Registers the pieces' consumer on the calling context, so pieces and replies share one event loop, in order. */
  static Future<VerticleTarget> register(Vertx vertx, Agent agent) {
    VerticleTarget target = new VerticleTarget(vertx, agent);
    return vertx.eventBus().<TextPiece>consumer(PARTIALS, m -> {
      Timing t = target.running.get(m.body().requestId());
      if (t != null) {
        t.piece();
      }
    }).completion().map(v -> target);
  }

  @Override
  public String name() {
    return "verticle";
  }

  @Override
  public Future<Sample> ask(String text) {
    String id = UUID.randomUUID().toString();
    Timing timing = new Timing();
    running.put(id, timing);
    TurnRequest turn = TurnRequest.of(id, agent.id(), agent.owner(), "bench-" + id + "@bench.localhost/run", text)
        .streamingTo(PARTIALS);
    return vertx.eventBus().<TurnReply>request(Turns.ADDRESS, turn, NO_EARLY_TIMEOUT).map(reply -> {
      running.remove(id);
      TurnReply.Tokens tokens = reply.body().tokens().orElse(new TurnReply.Tokens(0, 0));
      return timing.done(tokens.completion(), tokens.prompt());
    });
  }
}

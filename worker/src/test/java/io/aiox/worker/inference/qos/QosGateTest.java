package io.aiox.worker.inference.qos;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.OwnerId;
import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.EngineFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate on Vert.x futures, as the inference verticle uses it in front of an engine. */
class QosGateTest {
  private final Vertx vertx = Vertx.vertx();
  private final OwnerId owner = OwnerId.random();
  private final QosGate gate = new QosGate(new QosQueue<>("demo", 1, 3, QosWeights.DEFAULTS, new OwnerLoad(),
      System::nanoTime));
  private final List<String> started = new ArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void with_the_slot_busy_waiting_turns_are_served_highest_score_first() throws Exception {
    Promise<String> blocker = Promise.promise();
    List<Future<String>> turns = onContext(() -> {
      List<Future<String>> all = new ArrayList<>();
      all.add(gate.submit(traits(5), new Cancellation(), () -> {
        started.add("blocker");
        return blocker.future();
      }));
      all.add(submit("low", 1, new Cancellation()));
      all.add(submit("high", 9, new Cancellation()));
      all.add(submit("mid", 5, new Cancellation()));
      return all;
    });
    assertThat(started).containsExactly("blocker");
    blocker.complete("done");
    Future.all(turns).await(10, TimeUnit.SECONDS);
    assertThat(started).containsExactly("blocker", "high", "mid", "low");
  }

  @Test
  void a_saturated_queue_refuses_as_busy_with_a_retry_hint() throws Exception {
    Future<String> refused = onContext(() -> {
      gate.submit(traits(5), new Cancellation(), () -> Promise.<String>promise().future());
      for (int i = 0; i < 3; i++) {
        submit("waiting-" + i, 5, new Cancellation());
      }
      return submit("one-too-many", 10, new Cancellation());
    });
    assertThat(refused.failed()).isTrue();
    EngineFailure busy = (EngineFailure) refused.cause();
    assertThat(busy.kind()).isEqualTo(EngineFailure.Kind.BUSY);
    assertThat(busy.getMessage()).matches("model demo is busy: 1 conversations run and 3 wait; retry after \\d+ s");
    assertThat(started).doesNotContain("one-too-many");
  }

  @Test
  void a_turn_cancelled_while_waiting_leaves_the_queue_without_running() throws Exception {
    Promise<String> blocker = Promise.promise();
    Cancellation stop = new Cancellation();
    List<Future<String>> turns = onContext(() -> List.of(
        gate.submit(traits(5), new Cancellation(), blocker::future),
        submit("stopped", 9, stop),
        submit("after", 1, new Cancellation())));
    stop.cancel("stopped by the peer");
    assertThat(turns.get(1).failed()).isTrue();
    assertThat(turns.get(1).cause()).isInstanceOf(TurnWithdrawn.class).hasMessage("stopped by the peer");
    assertThat(gate.queue().waiting()).isEqualTo(1);
    blocker.complete("done");
    turns.get(2).await(10, TimeUnit.SECONDS);
    assertThat(started).containsExactly("after");
  }

  private Future<String> submit(String name, int priority, Cancellation cancel) {
    return gate.submit(traits(priority), cancel, () -> {
      started.add(name);
      return Future.succeededFuture(name);
    });
  }

  private TurnTraits traits(int priority) {
    return new TurnTraits(owner, 1.0, false, priority);
  }

  /** Runs {@code work} on an event loop, as the verticle's turns run, and hands back its result. */
  private <T> T onContext(java.util.function.Supplier<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> result.complete(work.get()));
    return result.get(10, TimeUnit.SECONDS);
  }
}

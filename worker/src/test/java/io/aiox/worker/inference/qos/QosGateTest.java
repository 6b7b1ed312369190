package io.aiox.worker.inference.qos;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.OwnerId;
import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.EngineFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate on Vert.x futures, as the inference verticle uses it in front of an engine. */
class QosGateTest {
  private final Vertx vertx = Vertx.vertx();
  private final OwnerId owner = OwnerId.random();
  private final QosGate gate = new QosGate(new QosQueue<>("demo", 1, 3, Duration.ofSeconds(120),
      QosWeights.DEFAULTS, new OwnerLoad(), System::nanoTime));
  private final List<String> started = new ArrayList<>();

  /** One quick turn first: until a turn has ended the queue assumes half the deadline and lets one turn wait. */
  @BeforeEach
  void measureATurn() throws Exception {
    onContext(() -> gate.submit(traits(5), new Cancellation(), () -> Future.succeededFuture("measured")))
        .await(10, TimeUnit.SECONDS);
  }

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

  @Test
  void a_waiting_turn_that_gives_its_place_to_another_owner_is_refused_as_busy() throws Exception {
    OwnerId other = OwnerId.random();
    Promise<String> blocker = Promise.promise();
    List<Future<String>> turns = onContext(() -> {
      List<Future<String>> all = new ArrayList<>();
      all.add(gate.submit(traits(5), new Cancellation(), blocker::future));
      for (int i = 0; i < 3; i++) {
        all.add(submit("mine-" + i, 5, new Cancellation()));
      }
      all.add(gate.submit(new TurnTraits(other, 1.0, false, 5), new Cancellation(), () -> {
        started.add("other");
        return Future.succeededFuture("other");
      }));
      return all;
    });
    Future<String> displaced = turns.get(3); // refused at once, on the context it was submitted from
    assertThat(displaced.failed()).isTrue();
    EngineFailure busy = (EngineFailure) displaced.cause();
    assertThat(busy.kind()).isEqualTo(EngineFailure.Kind.BUSY);
    assertThat(busy.getMessage()).startsWith("model demo is busy: this waiting turn gave its place to another"
        + " owner's").containsPattern("retry after \\d+ s$");
    blocker.complete("done");
    Future.all(turns.get(1), turns.get(2), turns.get(4)).await(10, TimeUnit.SECONDS);
    assertThat(started).containsExactly("other", "mine-0", "mine-1");
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

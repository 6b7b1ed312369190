package io.aiox.worker.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.OwnerId;
import io.aiox.worker.inference.qos.OwnerLoad;
import io.aiox.worker.inference.qos.QosGate;
import io.aiox.worker.inference.qos.QosQueue;
import io.aiox.worker.inference.qos.QosWeights;
import io.aiox.worker.inference.qos.TurnTraits;
import io.aiox.worker.turn.WorkerLoad;
import io.aiox.worker.turn.WorkerLoad.ModelLoad;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker's load announcements: one at start, one for a burst of changes, each with the queue as it is. */
class LoadAnnouncerTest {
  private final Vertx vertx = io.aiox.worker.turn.TurnCodec.register(Vertx.vertx());
  private final QosGate gate = new QosGate(new QosQueue<>("demo", 2, 3, Duration.ofSeconds(120),
      QosWeights.DEFAULTS, new OwnerLoad(), System::nanoTime));
  private final List<WorkerLoad> heard = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void a_burst_of_changes_is_announced_once_with_the_slots_and_queue_it_left() throws Exception {
    vertx.eventBus().<WorkerLoad>consumer(WorkerLoad.ADDRESS, m -> heard.add(m.body()))
        .completion().await(10, TimeUnit.SECONDS);
    LoadAnnouncer announcer = onContext(() -> LoadAnnouncer.start(vertx, "node-1",
        () -> Map.of("demo", gate.queue())));
    gate.onChange(announcer::changed);
    awaitHeard(1);
    assertThat(heard.getFirst()).isEqualTo(new WorkerLoad("node-1", List.of(new ModelLoad("demo", 2, 0))));

    Promise<String> never = Promise.promise();
    onContext(() -> {
      TurnTraits traits = new TurnTraits(OwnerId.random(), 1.0, false, 5);
      for (int i = 0; i < 5; i++) {
        gate.submit(traits, new Cancellation(), never::future); // two run, the queue keeps some, refuses the rest
      }
      return null;
    });
    awaitHeard(2);
    Thread.sleep(2 * LoadAnnouncer.RATE_MS);
    // five changes in one go make one announcement (a periodic one may fall in the same moment)
    assertThat(heard.size()).isBetween(2, 3);
    ModelLoad now = new ModelLoad("demo", 0, gate.queue().waiting());
    assertThat(now.waiting()).isPositive();
    assertThat(heard.subList(1, heard.size())).allSatisfy(load -> assertThat(load.models()).containsExactly(now));
    announcer.stop();
  }

  private void awaitHeard(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (heard.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(heard).hasSizeGreaterThanOrEqualTo(n);
  }

  private <T> T onContext(Supplier<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> result.complete(work.get()));
    return result.get(10, TimeUnit.SECONDS);
  }
}

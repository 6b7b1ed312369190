package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.Completion;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.inference.local.LlamaEngine;
import io.aiox.worker.model.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local engine on real llama.cpp with the generated gemma3 model: how it shares a loaded model's slots. */
class LlamaEngineIT {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /**
   * Two engines (two hubs in one JVM) on one model with one slot: the second turn waits in the engine, not in
   * llama.cpp's own queue, so stopping it ends it at once instead of after the first turn's whole answer.
   */
  @Test
  void a_turn_waiting_for_a_busy_slot_stops_at_once() throws Exception {
    ModelSpec spec = new ModelSpec("demo", ModelSpec.Provider.LOCAL, Optional.of(DemoModelFixture.model()), 1024, 2, 1,
        Optional.empty(), Optional.empty(), Optional.empty(), 120, true);
    LlamaEngine first = LlamaEngine.load(vertx, spec, 4).await();
    LlamaEngine second = LlamaEngine.load(vertx, spec, 4).await();
    Cancellation long1 = new Cancellation();
    Cancellation waiting = new Cancellation();
    Future<Completion> running = first.complete(request("Write a very long story.", 900), t -> { }, long1);
    Thread.sleep(300); // the first turn holds the slot
    Future<Completion> queued = second.complete(request("And another one.", 8), t -> { }, waiting);
    Thread.sleep(300);
    long stoppedAt = System.nanoTime();
    waiting.cancel("stopped by the peer");
    Completion stopped = queued.await(30, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(2));
    assertThat(running.isComplete()).as("the first turn still runs").isFalse();
    assertThat(stopped.cancelled()).isTrue();
    assertThat(stopped.text()).isEmpty();
    long1.cancel("done");
    assertThat(running.await(30, TimeUnit.SECONDS).completionTokens()).isPositive();
  }

  private static ChatRequest request(String text, int maxTokens) {
    return new ChatRequest("You are a test.", List.of(), text,
        Sampling.of(new JsonObject().put("max_tokens", maxTokens)));
  }
}

package io.aiox.worker.inference.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.Completion;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.model.ModelSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where a remote answer is read: against the scripted OpenAI-wire fixture on loopback, a streamed answer arrives
 * while every thread of the common fork-join pool is blocked by someone else (on a two-CPU host that pool has one
 * thread), as the hub must not depend on a pool that any code in the process may fill.
 */
class RemoteStreamThreadsTest {
  @Test
  void a_streamed_answer_arrives_while_the_common_fork_join_pool_is_blocked() throws Exception {
    Vertx vertx = Vertx.vertx();
    CountDownLatch release = new CountDownLatch(1);
    try (ScriptedToolModel model = ScriptedToolModel.start(body ->
        new ScriptedToolModel.Answer("you said: " + ScriptedToolModel.lastUserText(body)))) {
      ModelSpec spec = ModelRegistry.fromJson(new JsonObject().put("models", new JsonObject().put("m",
          new JsonObject().put("provider", "openai").put("base_url", model.baseUrl()).put("model", "scripted")
              .put("timeout_seconds", 30)))).get("m").orElseThrow();
      RemoteEngine engine = RemoteEngine.create(vertx, spec, 4);
      CountDownLatch blocked = new CountDownLatch(ForkJoinPool.getCommonPoolParallelism());
      for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
        ForkJoinPool.commonPool().execute(() -> {
          blocked.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      assertThat(blocked.await(10, TimeUnit.SECONDS)).as("the common pool is taken").isTrue();
      List<String> pieces = new CopyOnWriteArrayList<>();

      Completion c = engine.complete(new ChatRequest("", List.of(), "hello", new Sampling(0.7, 16, 0.95, List.of())),
          pieces::add, new Cancellation()).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);

      assertThat(c.text()).isEqualTo("you said: hello");
      assertThat(String.join("", pieces)).isEqualTo("you said: hello");
      assertThat(c.promptTokens()).isEqualTo(ScriptedToolModel.PROMPT_TOKENS);
    } finally {
      release.countDown();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}

package io.aiox.worker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-process model: 384 unit-length dimensions, meaning-aware, off the event loop, batched. */
class OnnxEmbedderTest {
  private static Vertx vertx;
  private static OnnxEmbedder embedder;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    embedder = OnnxEmbedder.quantized(vertx, 2, 8);
  }

  @AfterAll
  static void stop() {
    embedder.close();
    vertx.close().await();
  }

  @Test
  void vectors_have_384_dimensions_of_unit_length_and_similar_sentences_are_closer() {
    List<float[]> v = embedder.embedAll(List.of("My cat is called Whiskers.", "What is the name of my cat?",
        "The invoice is due on Friday.")).await();
    assertThat(v).hasSize(3).allSatisfy(x -> assertThat(x).hasSize(Embedder.DIMENSIONS));
    assertThat(dot(v.get(0), v.get(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.2);
  }

  @Test
  void concurrent_requests_each_get_their_own_vectors_on_their_own_context() throws Exception {
    CompletableFuture<Boolean> onContext = new CompletableFuture<>();
    List<Future<float[]>> all = new ArrayList<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      for (int i = 0; i < 20; i++) {
        all.add(embedder.embed("sentence number " + i));
      }
      Future.all(all).onComplete(r -> onContext.complete(Vertx.currentContext() == context && r.succeeded()));
    });
    assertThat(onContext.get(60, TimeUnit.SECONDS)).isTrue();
    float[] again = embedder.embed("sentence number 7").await();
    assertThat(dot(all.get(7).result(), again)).isGreaterThan(0.999);
    assertThat(dot(all.get(3).result(), again)).isLessThan(0.999);
  }

  @Test
  void an_empty_request_needs_no_model() {
    assertThat(embedder.embedAll(List.of()).await()).isEmpty();
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

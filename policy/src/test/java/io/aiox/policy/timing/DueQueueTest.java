package io.aiox.policy.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tasks run once their delay has passed, at most a tick late, in order; cancelled ones never. */
class DueQueueTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void a_task_runs_after_its_delay_and_within_a_tick_of_it() throws Exception {
    DueQueue queue = new DueQueue(vertx, Duration.ofMillis(100), Duration.ofMillis(10));
    CountDownLatch ran = new CountDownLatch(1);
    long[] at = new long[1];
    long added = System.nanoTime();
    queue.add(() -> {
      at[0] = System.nanoTime();
      ran.countDown();
    });
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(at[0] - added).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void cancelled_tasks_never_run_and_the_others_run_in_order() throws Exception {
    DueQueue queue = new DueQueue(vertx, Duration.ofMillis(20), Duration.ofMillis(5));
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch last = new CountDownLatch(1);
    for (int i = 0; i < 100; i++) {
      int n = i;
      DueQueue.Entry e = queue.add(() -> ran.add(n));
      if (n % 2 == 0) {
        e.cancel();
      }
    }
    queue.add(last::countDown);
    assertThat(last.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasSize(50).isSorted().allMatch(n -> n % 2 == 1);
  }

  @Test
  void a_queue_that_emptied_arms_again_for_the_next_task() throws Exception {
    DueQueue queue = new DueQueue(vertx, Duration.ZERO, Duration.ofMillis(1));
    for (int round = 0; round < 3; round++) {
      CountDownLatch ran = new CountDownLatch(1);
      queue.add(ran::countDown);
      assertThat(ran.await(5, TimeUnit.SECONDS)).as("round " + round).isTrue();
      Thread.sleep(20);
    }
  }

  @Test
  void a_negative_delay_or_a_tick_under_a_millisecond_is_refused() {
    assertThatThrownBy(() -> new DueQueue(vertx, Duration.ofMillis(-1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DueQueue(vertx, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

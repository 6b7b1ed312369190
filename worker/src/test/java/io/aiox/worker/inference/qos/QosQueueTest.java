package io.aiox.worker.inference.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.id.OwnerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waiting turns of one model, ranked by S = αR + βT + γP + δC, with a fake clock. */
class QosQueueTest {
  private static final long SECOND = 1_000_000_000L;
  private static final OwnerId ANN = OwnerId.random();
  private static final OwnerId BOB = OwnerId.random();

  private long now;
  private final OwnerLoad load = new OwnerLoad();

  private QosQueue<String> queue(int slots, int limit, QosWeights weights) {
    return new QosQueue<>("demo", slots, limit, weights, load, () -> now);
  }

  private static TurnTraits traits(OwnerId owner, int priority) {
    return new TurnTraits(owner, 1.0, false, priority);
  }

  @Test
  void a_free_slot_runs_the_turn_at_once() {
    QosQueue<String> q = queue(2, 4, QosWeights.DEFAULTS);
    assertThat(q.offer(traits(ANN, 5), "a")).isInstanceOf(QosQueue.Run.class);
    assertThat(q.offer(traits(ANN, 5), "b")).isInstanceOf(QosQueue.Run.class);
    assertThat(q.offer(traits(ANN, 5), "c")).isInstanceOf(QosQueue.Wait.class);
    assertThat(q.running()).isEqualTo(2);
    assertThat(q.waiting()).isEqualTo(1);
  }

  @Test
  void when_a_slot_frees_the_highest_priority_waiting_turn_runs_next() {
    QosQueue<String> q = queue(1, 8, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> busy = ticket(q.offer(traits(ANN, 5), "running"));
    q.offer(traits(BOB, 1), "low");
    q.offer(traits(BOB, 9), "high");
    q.offer(traits(BOB, 5), "mid");
    assertThat(drain(q, busy)).containsExactly("high", "mid", "low");
  }

  @Test
  void equal_scores_run_in_arrival_order_every_time() {
    for (int round = 0; round < 3; round++) {
      QosQueue<String> q = queue(1, 8, QosWeights.DEFAULTS);
      QosQueue.Ticket<String> busy = ticket(q.offer(traits(ANN, 5), "running"));
      for (String name : List.of("first", "second", "third", "fourth")) {
        q.offer(traits(BOB, 5), name);
      }
      assertThat(drain(q, busy)).containsExactly("first", "second", "third", "fourth");
    }
  }

  @Test
  void an_owner_with_turns_running_waits_behind_one_with_none() {
    QosQueue<String> q = queue(2, 8, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> annRunning = ticket(q.offer(traits(ANN, 5), "ann-1"));
    ticket(q.offer(traits(ANN, 5), "ann-2"));
    q.offer(traits(ANN, 5), "ann-3"); // arrives first, but Ann has two turns running (C = 2 before the pick)
    q.offer(traits(BOB, 5), "bob-1");
    assertThat(load.running(ANN)).isEqualTo(2);
    Optional<QosQueue.Ticket<String>> next = q.finish(annRunning); // Ann still has one running: C = 1 against 0
    assertThat(next.orElseThrow().payload()).isEqualTo("bob-1");
  }

  @Test
  void tools_and_reputation_count_with_their_weights() {
    QosQueue<String> q = queue(1, 8, new QosWeights(1.0, 0.25, 0, 0));
    QosQueue.Ticket<String> busy = ticket(q.offer(traits(ANN, 5), "running"));
    q.offer(new TurnTraits(BOB, 0.5, false, 5), "unreliable");
    q.offer(new TurnTraits(BOB, 1.0, false, 5), "plain");
    q.offer(new TurnTraits(BOB, 1.0, true, 5), "with-tools");
    assertThat(drain(q, busy)).containsExactly("with-tools", "plain", "unreliable");
  }

  @Test
  void a_zero_weight_leaves_its_input_out() {
    QosQueue<String> q = queue(1, 8, new QosWeights(0, 0, 0, 0));
    QosQueue.Ticket<String> busy = ticket(q.offer(traits(ANN, 5), "running"));
    q.offer(traits(BOB, 0), "first");
    q.offer(traits(BOB, 10), "second");
    assertThat(drain(q, busy)).containsExactly("first", "second");
  }

  @Test
  void a_full_queue_refuses_with_a_retry_hint_from_the_mean_turn_time() {
    QosQueue<String> q = queue(2, 2, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> a = ticket(q.offer(traits(ANN, 5), "a"));
    ticket(q.offer(traits(ANN, 5), "b"));
    now += 6 * SECOND;
    q.finish(a); // one finished turn of 6 s; "b" still runs, nothing waited
    q.offer(traits(ANN, 5), "c");
    q.offer(traits(ANN, 5), "d");
    q.offer(traits(ANN, 5), "e");
    QosQueue.Admission<String> refused = q.offer(traits(ANN, 5), "f");
    // 2 waiting + the refused one on 2 slots: 2 rounds of 6 s
    assertThat(refused).isEqualTo(new QosQueue.Refuse<String>(12,
        "model demo is busy: 2 conversations run and 2 wait; retry after 12 s"));
  }

  @Test
  void before_any_turn_finished_the_hint_uses_the_longest_running_turn_and_is_at_least_a_second() {
    QosQueue<String> q = queue(1, 0, QosWeights.DEFAULTS);
    q.offer(traits(ANN, 5), "a");
    assertThat(((QosQueue.Refuse<String>) q.offer(traits(ANN, 5), "b")).retryAfterSeconds()).isEqualTo(1);
    now += 3 * SECOND + 1;
    assertThat(((QosQueue.Refuse<String>) q.offer(traits(ANN, 5), "c")).text()).endsWith("retry after 4 s");
  }

  @Test
  void a_withdrawn_turn_leaves_the_queue_and_is_never_picked() {
    QosQueue<String> q = queue(1, 4, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> busy = ticket(q.offer(traits(ANN, 5), "running"));
    QosQueue.Ticket<String> gone = ticket(q.offer(traits(BOB, 9), "cancelled"));
    q.offer(traits(BOB, 1), "stays");
    assertThat(q.withdraw(gone)).isTrue();
    assertThat(q.withdraw(gone)).isFalse();
    assertThat(drain(q, busy)).containsExactly("stays");
    assertThat(load.running(ANN)).isZero();
    assertThat(load.running(BOB)).isZero();
  }

  @Test
  void finishing_a_turn_twice_is_a_bug() {
    QosQueue<String> q = queue(1, 1, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> t = ticket(q.offer(traits(ANN, 5), "a"));
    q.finish(t);
    assertThatThrownBy(() -> q.finish(t)).isInstanceOf(IllegalStateException.class);
  }

  /** Finishes {@code first}, then each turn it woke, and so on: the payloads in the order they ran. */
  private static List<String> drain(QosQueue<String> q, QosQueue.Ticket<String> first) {
    List<String> order = new ArrayList<>();
    Optional<QosQueue.Ticket<String>> next = q.finish(first);
    while (next.isPresent()) {
      order.add(next.get().payload());
      next = q.finish(next.get());
    }
    return order;
  }

  private static QosQueue.Ticket<String> ticket(QosQueue.Admission<String> a) {
    return switch (a) {
      case QosQueue.Run<String> r -> r.ticket();
      case QosQueue.Wait<String> w -> w.ticket();
      case QosQueue.Refuse<String> r -> throw new AssertionError("refused: " + r.text());
    };
  }
}

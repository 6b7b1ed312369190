package io.aiox.worker.inference.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.id.OwnerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The waiting turns of one model, ranked by S = αR + βT + γP + δC + εF, shared fairly between owners and admitted
 * only when they can end within the deadline, with a fake clock (docs/operations.md, "QoS").
 */
class QosQueueTest {
  private static final long SECOND = 1_000_000_000L;
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final OwnerId ANN = OwnerId.random();
  private static final OwnerId BOB = OwnerId.random();
  private static final OwnerId CAL = OwnerId.random();

  private long now;
  private final OwnerLoad load = new OwnerLoad();

  /** A queue that has not yet seen a turn end: it assumes turns take half the deadline. */
  private QosQueue<String> cold(int slots, int limit) {
    return new QosQueue<>("demo", slots, limit, DEADLINE, QosWeights.DEFAULTS, load, () -> now);
  }

  /** A queue that has measured one turn of a second, so the deadline leaves room for every place. */
  private QosQueue<String> queue(int slots, int limit, QosWeights weights) {
    QosQueue<String> q = new QosQueue<>("demo", slots, limit, DEADLINE, weights, load, () -> now);
    measure(q, 1);
    return q;
  }

  /** One turn of a third owner that holds a slot for {@code seconds}. */
  private void measure(QosQueue<String> q, int seconds) {
    QosQueue.Ticket<String> t = ticket(q.offer(traits(CAL, 5), "measured"));
    now += seconds * SECOND;
    assertThat(q.finish(t)).isEmpty();
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
    QosQueue<String> q = queue(1, 8, new QosWeights(1.0, 0.25, 0, 0, 0));
    QosQueue.Ticket<String> busy = ticket(q.offer(traits(ANN, 5), "running"));
    q.offer(new TurnTraits(BOB, 0.5, false, 5), "unreliable");
    q.offer(new TurnTraits(BOB, 1.0, false, 5), "plain");
    q.offer(new TurnTraits(BOB, 1.0, true, 5), "with-tools");
    assertThat(drain(q, busy)).containsExactly("with-tools", "plain", "unreliable");
  }

  @Test
  void a_zero_weight_leaves_its_input_out() {
    QosQueue<String> q = queue(1, 8, new QosWeights(0, 0, 0, 0, 0));
    QosQueue.Ticket<String> busy = ticket(q.offer(traits(ANN, 5), "running"));
    q.offer(traits(BOB, 0), "first");
    q.offer(traits(BOB, 10), "second");
    assertThat(drain(q, busy)).containsExactly("first", "second");
  }

  @Test
  void a_full_queue_refuses_with_a_retry_hint_from_the_mean_turn_time() {
    QosQueue<String> q = cold(2, 2);
    QosQueue.Ticket<String> a = ticket(q.offer(traits(ANN, 5), "a"));
    ticket(q.offer(traits(ANN, 5), "b"));
    now += 6 * SECOND;
    q.finish(a); // one finished turn of 6 s; "b" still runs, nothing waited
    q.offer(traits(ANN, 5), "c");
    q.offer(traits(ANN, 5), "d");
    q.offer(traits(ANN, 5), "e");
    QosQueue.Admission<String> refused = q.offer(traits(ANN, 5), "f");
    // a place frees when one waiting turn starts: within one round of 6 s on 2 slots
    assertThat(refused).isEqualTo(new QosQueue.Refuse<String>(6,
        "model demo is busy: 2 conversations run and 2 wait; retry after 6 s"));
  }

  @Test
  void before_any_turn_ended_a_turn_is_assumed_to_take_half_the_deadline_or_the_longest_running_turn() {
    QosQueue<String> q = cold(1, 8);
    q.offer(traits(ANN, 5), "a");
    assertThat(q.offer(traits(ANN, 5), "b")).isInstanceOf(QosQueue.Wait.class); // 60 s wait + 60 s turn: in time
    assertThat(q.offer(traits(ANN, 5), "c")).isEqualTo(new QosQueue.Refuse<String>(60, "model demo is busy: 1"
        + " conversations run and 1 wait and turns take about 60 s: one queued now would not end within the model's"
        + " 120 s; retry after 60 s"));
    now += 70 * SECOND; // "a" has run longer than assumed: no turn can wait now, and both ahead must start
    assertThat(((QosQueue.Refuse<String>) q.offer(traits(ANN, 5), "d")).retryAfterSeconds()).isEqualTo(140);
  }

  @Test
  void a_turn_that_could_not_end_within_the_deadline_is_refused_with_a_hint_from_measured_turns() {
    QosQueue<String> q = cold(1, 32);
    for (int i = 0; i < 3; i++) {
      measure(q, 40);
    }
    QosQueue.Ticket<String> a = ticket(q.offer(traits(ANN, 5), "a"));
    q.offer(traits(ANN, 5), "b"); // starts after 40 s, ends after 80 s
    q.offer(traits(ANN, 5), "c"); // starts after 80 s, ends after 120 s: just in time
    QosQueue.Admission<String> refused = q.offer(traits(ANN, 5), "d"); // would end after 160 s
    assertThat(refused).isEqualTo(new QosQueue.Refuse<String>(40, "model demo is busy: 1 conversations run and 2"
        + " wait and turns take about 40 s: one queued now would not end within the model's 120 s; retry after 40 s"));
    now += 40 * SECOND;
    q.finish(a); // "b" starts: one place is free again
    assertThat(q.offer(traits(ANN, 5), "e")).isInstanceOf(QosQueue.Wait.class);
  }

  @Test
  void a_flooding_owner_gives_its_newest_waiting_place_to_an_owner_below_its_share() {
    QosQueue<String> q = queue(1, 3, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> first = ticket(q.offer(traits(ANN, 5), "ann-0"));
    for (int i = 1; i <= 3; i++) {
      q.offer(traits(ANN, 5), "ann-" + i);
    }
    assertThat(q.offer(traits(ANN, 5), "ann-4")).isInstanceOf(QosQueue.Refuse.class);
    // 4 places, 2 owners of equal weight: 2 each. Ann holds 4.
    QosQueue.Displace<String> bob = (QosQueue.Displace<String>) q.offer(traits(BOB, 5), "bob-0");
    assertThat(bob.displaced().payload()).isEqualTo("ann-3");
    assertThat(bob.refusal()).isEqualTo(new QosQueue.Refuse<String>(2, "model demo is busy: this waiting turn gave"
        + " its place to another owner's (your turns held 4 of its 4 places, your fair share is 2); retry after 2 s"));
    assertThat(((QosQueue.Displace<String>) q.offer(traits(BOB, 5), "bob-1")).displaced().payload())
        .isEqualTo("ann-2");
    // each now holds its share: neither takes the other's place back
    assertThat(q.offer(traits(BOB, 5), "bob-2")).isInstanceOf(QosQueue.Refuse.class);
    assertThat(q.offer(traits(ANN, 5), "ann-5")).isInstanceOf(QosQueue.Refuse.class);
    // Ann has a turn running, so Bob's waiting turn goes first
    assertThat(drain(q, first)).containsExactly("bob-0", "ann-1", "bob-1");
  }

  @Test
  void an_owner_holding_its_share_gets_no_more_places_while_another_owners_turn_waits() {
    QosQueue<String> q = queue(1, 8, QosWeights.DEFAULTS);
    q.offer(traits(ANN, 5), "ann-0");
    q.offer(traits(BOB, 5), "bob-0");
    for (int i = 1; i <= 3; i++) {
      assertThat(q.offer(traits(ANN, 5), "ann-" + i)).isInstanceOf(QosQueue.Wait.class);
    }
    // 9 places, 2 owners of equal weight: 4 each
    assertThat(((QosQueue.Refuse<String>) q.offer(traits(ANN, 5), "ann-4")).text()).isEqualTo("model demo is busy:"
        + " 1 conversations run and 4 wait; your turns hold 4 of its 9 places, your fair share while others wait is"
        + " 4; retry after 1 s");
  }

  @Test
  void a_burst_from_a_higher_priority_owner_lets_another_owners_turn_through_within_a_bound() {
    QosQueue<String> q = queue(1, 16, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> first = ticket(q.offer(traits(ANN, 10), "ann-0"));
    for (int i = 1; i <= 8; i++) {
      q.offer(traits(ANN, 10), "ann-" + i);
    }
    q.offer(traits(BOB, 0), "bob");
    // Ann's turns outscore Bob's by 2.0; each turn Ann starts beyond Bob costs her 0.5: Bob runs fifth at the latest
    assertThat(drain(q, first).indexOf("bob")).isLessThan(5);
  }

  @Test
  void with_equal_scores_a_waiting_owner_runs_before_a_flooding_owner_runs_again() {
    QosQueue<String> q = queue(1, 16, QosWeights.DEFAULTS);
    QosQueue.Ticket<String> first = ticket(q.offer(traits(ANN, 5), "ann-0"));
    for (int i = 1; i <= 4; i++) {
      q.offer(traits(ANN, 5), "ann-" + i);
    }
    q.offer(traits(BOB, 5), "bob-0");
    q.offer(traits(BOB, 5), "bob-1");
    assertThat(drain(q, first)).containsExactly("bob-0", "ann-1", "bob-1", "ann-2", "ann-3", "ann-4");
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
      case QosQueue.Displace<String> d -> d.ticket();
      case QosQueue.Refuse<String> r -> throw new AssertionError("refused: " + r.text());
    };
  }
}

package io.aiox.component.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.worker.turn.WorkerLoad;
import io.aiox.worker.turn.WorkerLoad.ModelLoad;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerChoiceTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  /** The random draws to give, in order (each taken modulo its bound); 0 when none is left. */
  private final Deque<Integer> draws = new ArrayDeque<>();
  private final WorkerChoice choice = new WorkerChoice("default-model", now::get,
      bound -> draws.isEmpty() ? 0 : draws.poll() % bound);

  private static WorkerLoad load(String node, String model, int free, int waiting) {
    return new WorkerLoad(node, List.of(new ModelLoad(model, free, waiting)));
  }

  private static String at(String node) {
    return WorkerLoad.nodeAddress(node);
  }

  @Test
  void with_no_announcement_there_is_no_choice_and_the_caller_sends_as_before() {
    assertThat(choice.address("m")).isNull();
    assertThat(choice.address(null)).isNull();
    assertThat(WorkerChoice.none().address(null)).isNull();
    assertThat(WorkerChoice.none().address("m")).isNull();
  }

  @Test
  void only_workers_that_announced_the_model_are_chosen() {
    choice.heard(load("a", "m", 2, 0));
    choice.heard(load("b", "other", 5, 0));
    for (int i = 0; i < 5; i++) {
      draws.add(i);
      assertThat(choice.address("m")).isEqualTo(at("a"));
    }
    assertThat(choice.address("unknown")).isNull();
  }

  @Test
  void turns_spread_in_proportion_to_free_slots() {
    Map<String, Integer> counts = new TreeMap<>();
    for (int draw = 0; draw < 4; draw++) {
      choice.heard(load("a", "m", 1, 0));
      choice.heard(load("b", "m", 3, 0));
      draws.add(draw);
      counts.merge(choice.address("m"), 1, Integer::sum);
    }
    assertThat(counts).containsEntry(at("a"), 1).containsEntry(at("b"), 3);
  }

  @Test
  void turns_sent_since_an_announcement_count_against_the_free_slots() {
    choice.heard(load("a", "m", 1, 0));
    choice.heard(load("b", "m", 3, 0));
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < 4; i++) {
      draws.add(0); // always the first free slot left: a's while it has one
      counts.merge(choice.address("m"), 1, Integer::sum);
    }
    assertThat(counts).containsEntry(at("a"), 1).containsEntry(at("b"), 3);
  }

  @Test
  void a_full_worker_is_chosen_only_when_all_are_full_and_then_the_shortest_queue_wins() {
    choice.heard(load("a", "m", 0, 0));
    choice.heard(load("b", "m", 1, 4));
    draws.add(0);
    assertThat(choice.address("m")).as("b has a free slot").isEqualTo(at("b"));
    // now every worker is full: a waits 0, b 4 (plus the one just sent, beyond its free slot: none)
    assertThat(choice.address("m")).isEqualTo(at("a"));
    assertThat(choice.address("m")).isEqualTo(at("a"));
    choice.heard(load("a", "m", 0, 6));
    assertThat(choice.address("m")).isEqualTo(at("b"));
  }

  @Test
  void the_default_model_serves_agents_that_name_none() {
    choice.heard(load("a", "default-model", 1, 0));
    assertThat(choice.address(null)).isEqualTo(at("a"));
  }

  @Test
  void an_announcement_not_refreshed_expires_and_a_node_that_left_is_forgotten() {
    choice.heard(load("a", "m", 1, 0));
    choice.heard(load("b", "m", 1, 0));
    now.addAndGet(WorkerChoice.EXPIRY.toNanos() / 2);
    choice.heard(load("b", "m", 1, 0));
    now.addAndGet(WorkerChoice.EXPIRY.toNanos() / 2 + 1);
    for (int i = 0; i < 3; i++) {
      draws.add(0);
      assertThat(choice.address("m")).as("a went silent").isEqualTo(at("b"));
    }
    choice.left("b");
    assertThat(choice.address("m")).isNull();
  }

  @Test
  void a_worker_that_no_longer_lists_a_model_is_not_chosen_for_it() {
    choice.heard(load("a", "m", 2, 0));
    choice.heard(new WorkerLoad("a", List.of(new ModelLoad("n", 2, 0))));
    assertThat(choice.address("m")).isNull();
    assertThat(choice.address("n")).isEqualTo(at("a"));
  }

  @Test
  void an_announcement_reads_back_as_written() {
    WorkerLoad load = new WorkerLoad("node-1", List.of(new ModelLoad("m", 3, 1), new ModelLoad("n", 0, 7)));
    assertThat(io.aiox.worker.turn.TurnWire.decode(io.aiox.worker.turn.TurnWire.encode(load))).isEqualTo(load);
  }
}

package io.aiox.component.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.aiox.worker.turn.WorkerLoad;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Which worker node a turn on a model goes to: one of those that announced the model ({@link WorkerLoad}), picked
 * at random in proportion to its free slots. A worker with no slot free is picked only when every worker of the
 * model is full, and then the one with the fewest turns waiting, so its queue decides. Between two announcements
 * of a worker, the turns sent to it here count against its free slots (then against its queue).
 *
 * <p>An announcement not refreshed within {@link #EXPIRY} is left out (workers announce every second), and a node
 * that leaves the Hazelcast cluster is forgotten at once. With no announcement of a model — always on a bus that is
 * not clustered — {@link #address} answers null after one lookup in an empty map, and the caller sends the turn as
 * before (to the model's address, which every worker serving it consumes).
 *
 * <p>Announcements and choices are made on the context {@link #start} was called on (the component's).
 */
public final class WorkerChoice {
  private static final Logger LOG = Logger.getLogger(WorkerChoice.class.getName());
  /** How long an announcement counts: a few of the workers' announcement periods. */
  static final Duration EXPIRY = Duration.ofMillis(3_500);

  /** Model to node to what that node last said about the model. */
  private final Map<String, Map<String, Seen>> byModel = new ConcurrentHashMap<>();
  /** The model of agents that name none. */
  private final String defaultModel;
  private final LongSupplier nanos;
  /** Given a bound, a number from 0 (inclusive) to it (exclusive). */
  private final IntUnaryOperator random;

  /** A worker's last word on one model, and the turns sent to it here since. */
  private static final class Seen {
    private final String address;
    private final int free;
    private final int waiting;
    private final long atNanos;
    private int sent;

    private Seen(String address, int free, int waiting, long atNanos) {
      this.address = address;
      this.free = free;
      this.waiting = waiting;
      this.atNanos = atNanos;
    }

    private int freeNow() {
      return Math.max(0, free - sent);
    }

    private int waitingNow() {
      return waiting + Math.max(0, sent - free);
    }
  }

  WorkerChoice(String defaultModel, LongSupplier nanos, IntUnaryOperator random) {
    this.defaultModel = defaultModel;
    this.nanos = nanos;
    this.random = random;
  }

  /** A choice that never hears of a worker: every turn goes as it did before workers announced their load. */
  public static WorkerChoice none() {
    return new WorkerChoice(null, System::nanoTime, bound -> 0);
  }

  /**
   * Listens to the workers' announcements and to the cluster's members, when the bus is clustered on Hazelcast;
   * {@code defaultModel} runs the turns of agents that name no model.
   */
  public static WorkerChoice start(Vertx vertx, String defaultModel) {
    WorkerChoice choice = new WorkerChoice(defaultModel, System::nanoTime,
        bound -> ThreadLocalRandom.current().nextInt(bound));
    if (vertx.isClustered() && ((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager hz) {
      Context context = vertx.getOrCreateContext();
      vertx.eventBus().<WorkerLoad>consumer(WorkerLoad.ADDRESS, m -> {
        try {
          choice.heard(m.body()); // from another node decoded here: a form that does not read is ignored
        } catch (IllegalArgumentException e) {
          LOG.warning(() -> "ignored a worker's load announcement: " + e.getMessage());
        }
      });
      hz.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {
          // a new worker counts from its first announcement
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
          String node = event.getMember().getUuid().toString();
          context.runOnContext(v -> choice.left(node));
        }
      });
    }
    return choice;
  }

  /**
   * The address of the worker to send a turn on {@code model} (null: the default model) to, counting the turn
   * against it; null when no worker announced the model lately.
   */
  public String address(String model) {
    String key = model != null ? model : defaultModel;
    Map<String, Seen> workers = key == null ? null : byModel.get(key);
    return workers == null ? null : pick(workers);
  }

  private String pick(Map<String, Seen> workers) {
    long stale = nanos.getAsLong() - EXPIRY.toNanos();
    int free = 0;
    Seen shortest = null;
    for (Iterator<Seen> it = workers.values().iterator(); it.hasNext(); ) {
      Seen s = it.next();
      if (s.atNanos - stale < 0) {
        it.remove();
      } else {
        free += s.freeNow();
        if (shortest == null || s.waitingNow() < shortest.waitingNow()) {
          shortest = s;
        }
      }
    }
    Seen chosen = free > 0 ? byFreeSlots(workers, random.applyAsInt(free)) : shortest;
    if (chosen == null) {
      return null;
    }
    chosen.sent++;
    return chosen.address;
  }

  /** The worker whose free slots hold the {@code n}th free slot of all (workers in the map's order). */
  private static Seen byFreeSlots(Map<String, Seen> workers, int n) {
    int left = n;
    Seen last = null;
    for (Seen s : workers.values()) {
      int f = s.freeNow();
      if (f > 0) {
        last = s;
        if (left < f) {
          return s;
        }
        left -= f;
      }
    }
    return last;
  }

  /** A worker's announcement: it replaces what the worker said before, and the count of turns sent to it since. */
  void heard(WorkerLoad load) {
    long now = nanos.getAsLong();
    String address = WorkerLoad.nodeAddress(load.node());
    Set<String> served = new HashSet<>();
    for (WorkerLoad.ModelLoad m : load.models()) {
      served.add(m.model());
      byModel.computeIfAbsent(m.model(), k -> new ConcurrentHashMap<>())
          .put(load.node(), new Seen(address, m.free(), m.waiting(), now));
    }
    byModel.forEach((model, workers) -> {
      if (!served.contains(model)) {
        workers.remove(load.node());
      }
    });
  }

  /** A node left the cluster: no turn goes to it any more. */
  void left(String node) {
    byModel.values().forEach(workers -> workers.remove(node));
  }
}

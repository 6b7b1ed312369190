package io.aiox.component.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.aiox.worker.turn.TurnAcceptance;
import io.aiox.worker.turn.TurnAccepted;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnReturn;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The turns this component node has sent and not yet had answered, with the worker node that took each. When a node
 * leaves the cluster (it stopped, crashed or lost its network), its turns fail at once with a text that says so,
 * rather than running into the turn's deadline; for a few seconds after a node left, a turn that no worker has
 * reported taking within a moment of being sent is lost too, as it may have gone to the node that left. Exactly one
 * reply per turn: whichever of the worker's answer and the failure comes first wins, and the other is dropped.
 * Each turn also names this node and the stanza it answers ({@link TurnOrigin}), and an answer is acknowledged once
 * it is out, so that answers outlive this node (TurnReturn); a node that stops refuses the answers that arrive
 * after its streams closed ({@link #drain()}). On a bus that is not clustered, turns pass through untouched.
 */
public final class TurnWatch {
  private static final Logger LOG = Logger.getLogger(TurnWatch.class.getName());
  /** How long a turn nobody has reported taking may still be reported after a node left. */
  static final Duration UNREPORTED_GRACE = Duration.ofSeconds(2);
  /** How long after a node left turns that nobody reports taking are taken for lost. */
  static final Duration UNREPORTED_WINDOW = Duration.ofSeconds(8);
  /** Where vertx-hazelcast keeps a member's Vert.x node id. */
  static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  static final String LOST = "the worker that was answering left the cluster (it stopped or lost its network)"
      + " before it answered; your message was not answered: send it again";

  private final Vertx vertx;
  private final String address;
  private final Map<String, Watched> turns = new ConcurrentHashMap<>();
  private MessageConsumer<TurnAccepted> reports;
  private volatile boolean draining;

  private record Watched(Promise<Message<TurnReply>> reply, long sentNanos, AtomicReference<String> node) {}

  private TurnWatch(Vertx vertx) {
    this.vertx = vertx;
    this.address = "aiox.turns.accepted." + UUID.randomUUID();
    // reports stays null (turns pass through) unless start() finds a clustered bus
  }

  /** Turns sent as they are: for a bus that is not clustered, and for tests. */
  public static TurnWatch none() {
    return new TurnWatch(null);
  }

  /** A watch for {@code vertx}'s turns; follows the cluster's members when the bus is clustered on Hazelcast. */
  public static TurnWatch start(Vertx vertx) {
    TurnWatch watch = new TurnWatch(vertx);
    if (vertx.isClustered() && ((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager hz) {
      watch.reports = vertx.eventBus().consumer(watch.address, m -> watch.taken(m.body()));
      hz.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {
          // a new worker takes turns from now on; nothing to do for those in hand
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
          watch.nodeLeft(vertxNodeId(event.getMember()));
        }
      });
    }
    return watch;
  }

  /**
   * The Vert.x node id of a Hazelcast member, which is what a worker reports ({@code ClusterManager.getNodeId()}):
   * Vert.x draws its own id and keeps it in the member attribute {@value #NODE_ID_ATTRIBUTE}, apart from the
   * member's Hazelcast UUID.
   */
  static String vertxNodeId(Member member) {
    String id = member.getAttribute(NODE_ID_ATTRIBUTE);
    return id != null ? id : member.getUuid().toString();
  }

  public void stop() {
    if (reports != null) {
      reports.unregister();
    }
  }

  /**
   * Sends a turn with {@code send} (given the delivery options to use) and answers with its reply, or with a
   * {@link TurnFailure#MODEL_UNAVAILABLE} failure naming the loss when the worker that took it leaves the cluster.
   */
  public Future<Message<TurnReply>> send(org.xmpp.packet.Message incoming, DeliveryOptions options,
                                         Function<DeliveryOptions, Future<Message<TurnReply>>> send) {
    if (reports == null) {
      return send.apply(options);
    }
    String key = UUID.randomUUID().toString();
    Promise<Message<TurnReply>> reply = Promise.promise();
    turns.put(key, new Watched(reply, System.nanoTime(), new AtomicReference<>()));
    send.apply(TurnOrigin.name(vertx, incoming, TurnAcceptance.ask(options, address, key))).onComplete(ar -> {
      turns.remove(key);
      if (ar.succeeded() && draining) {
        // this node's streams are closed: the worker hands the answer to a node that can send it
        ar.result().fail(TurnReturn.STOPPING, "this component node is stopping");
      } else if (ar.succeeded()) {
        // the sender's handlers run within tryComplete or tryFail (this promise has no context): once they
        // return, the answer or error stanza is out, and the worker is told so
        TurnReturn.failure(ar.result()).ifPresentOrElse(reply::tryFail, () -> reply.tryComplete(ar.result()));
        delivered(ar.result());
      } else {
        reply.tryFail(ar.cause());
      }
    });
    return reply.future();
  }

  /** Tells the worker that the answer to its {@code reply} is out, when it asked (TurnReturn). */
  private static void delivered(Message<TurnReply> reply) {
    if (reply.replyAddress() != null) {
      reply.reply(null);
    }
  }

  /**
   * This node is stopping and its streams close: answers that arrive from now on are refused, so their workers
   * hand them to another component node (TurnReturn). Turns still being sent go on to the workers as usual.
   */
  public void drain() {
    draining = true;
  }

  private void taken(TurnAccepted report) {
    Watched w = turns.get(report.key());
    if (w != null) {
      w.node().set(report.node());
    }
  }

  void nodeLeft(String node) {
    int[] lost = {0};
    turns.forEach((key, w) -> {
      if (node.equals(w.node().get()) && w.reply().tryFail(lostFailure())) {
        turns.remove(key);
        lost[0]++;
      }
    });
    if (lost[0] > 0) {
      int n = lost[0];
      LOG.warning(() -> "worker node " + node + " left the cluster with " + n + " turn(s) of this node in hand;"
          + " their senders were told");
    }
    // Turns sent just before the node left may have gone to it and never been reported, and so may turns sent
    // just after: the bus drops the node's consumers a moment after its membership ends. For a while, each turn
    // still unreported a moment after it was sent is lost too.
    long leftAt = System.nanoTime();
    vertx.setPeriodic(UNREPORTED_GRACE.toMillis() / 2, id -> {
      long now = System.nanoTime();
      turns.forEach((key, w) -> {
        if (w.node().get() == null && now - w.sentNanos() >= UNREPORTED_GRACE.toNanos()
            && w.reply().tryFail(lostFailure())) {
          turns.remove(key);
        }
      });
      if (now - leftAt >= UNREPORTED_WINDOW.toNanos()) {
        vertx.cancelTimer(id);
      }
    });
  }

  private static ReplyException lostFailure() {
    return TurnFailure.MODEL_UNAVAILABLE.exception(LOST);
  }
}

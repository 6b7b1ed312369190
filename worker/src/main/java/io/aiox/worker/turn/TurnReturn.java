package io.aiox.worker.turn;

import io.aiox.policy.quota.Reservation;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings a turn's outcome back to a component node that can still send it. On a clustered bus the component node
 * that sent a turn may be gone when the answer is ready (it crashed, or it is stopping and has closed its streams),
 * so it names itself and the stanza to answer in two headers ({@link #ORIGIN}, {@link #STANZA}). The worker then:
 * <ul>
 *   <li>hands the outcome to any live component node ({@link #HANDED_OVER}, a {@link HandedOverTurn}) when the
 *   origin has left the cluster;
 *   <li>else replies and waits for the origin's acknowledgement, which it sends once the answer stanza is out; the
 *   origin refuses it with {@link #STOPPING} while it stops, and the outcome is handed over at once; when the
 *   acknowledgement fails otherwise, the worker watches the cluster for a while: if the origin leaves, the outcome
 *   is handed over; if it stays, it had the answer (or had already ended the turn with an error).
 * </ul>
 * A failure goes the same way, as a {@link TurnFailed} reply ({@link #fail}). A handed-over outcome goes to one
 * component node, retried for a bounded time while none takes it. One residual race is accepted: a node that wrote
 * the stanza and died before its acknowledgement left has its reply sent once more by another node
 * (docs/scaling.md). Without the headers (a bus that is not clustered) a reply is a plain reply or failure, with
 * no acknowledgement.
 */
public final class TurnReturn {
  private static final Logger LOG = Logger.getLogger(TurnReturn.class.getName());
  /** Header: the cluster node id of the component node that sent the turn. */
  public static final String ORIGIN = "aiox-origin-node";
  /** Header: the message stanza the turn answers, without its body, as the origin received it. */
  public static final String STANZA = "aiox-origin-stanza";
  /** Where component nodes take outcomes whose origin cannot send them ({@link HandedOverTurn}). */
  public static final String HANDED_OVER = "aiox.turns.handed-over";
  /** The failure code with which a stopping component node refuses an answer: hand it over. */
  public static final int STOPPING = 18;
  /** How long the origin has to acknowledge an answer. */
  static final Duration ACK_WAIT = Duration.ofSeconds(5);
  /** How long after a failed acknowledgement the origin may still be seen to leave (failure detection: 6 s). */
  static final Duration LEAVE_NOTICED = Duration.ofSeconds(15);
  /** How long a handed-over outcome is offered while no component node takes it. */
  static final Duration HAND_OVER_FOR = Duration.ofSeconds(60);
  private static final long RETRY_MS = 500;

  private TurnReturn() {}

  /** Sends {@code reply} to the turn's origin, or through another component node. */
  public static void answer(Vertx vertx, Message<?> turn, TurnReply reply, Optional<Reservation> reservation) {
    // on one machine: a plain reply, without so much as a look at the headers
    String origin = vertx.isClustered() ? turn.headers().get(ORIGIN) : null;
    String stanza = origin != null ? turn.headers().get(STANZA) : null;
    if (stanza == null) {
      turn.reply(reply);
      return;
    }
    deliver(vertx, turn, origin, reply, HandedOverTurn.answered(stanza, reservation, reply));
  }

  /**
   * Fails the turn at its origin, or hands the failure to another component node when the origin cannot send it.
   * On a clustered bus the failure travels as a {@link TurnFailed} reply, so that it is acknowledged like an
   * answer; the origin turns it back into the failure ({@link #failure}).
   */
  public static void fail(Vertx vertx, Message<?> turn, Optional<Reservation> reservation, TurnFailure failure,
                          String text) {
    String origin = vertx.isClustered() ? turn.headers().get(ORIGIN) : null;
    String stanza = origin != null ? turn.headers().get(STANZA) : null;
    if (stanza == null) {
      failure.fail(turn, text);
      return;
    }
    String said = text == null ? "" : text;
    deliver(vertx, turn, origin, new TurnFailed(failure, said), HandedOverTurn.failed(stanza, reservation, failure,
        said));
  }

  /**
   * The failure a reply stands for ({@link #fail}), if it is one: as the origin's sender sees a failed request. A
   * reply whose body does not read is none here (its reader fails the turn with the reason).
   */
  public static Optional<ReplyException> failure(Message<?> reply) {
    try {
      return reply.body() instanceof TurnFailed f ? Optional.of(f.failure().exception(f.text())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void deliver(Vertx vertx, Message<?> turn, String origin, TurnMessage body,
                              HandedOverTurn handed) {
    if (!member(vertx, origin)) {
      LOG.info(() -> "the component node " + origin + " left the cluster; handing its reply over");
      handOver(vertx, handed, System.nanoTime());
      return;
    }
    turn.replyAndRequest(body, new DeliveryOptions().setSendTimeout(ACK_WAIT.toMillis())).onFailure(e -> {
      if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
          && re.failureCode() == STOPPING) {
        LOG.info(() -> "the component node " + origin + " is stopping; handing its reply over");
        handOver(vertx, handed, System.nanoTime());
      } else {
        watchOrigin(vertx, origin, handed, System.nanoTime());
      }
    });
  }

  private static boolean member(Vertx vertx, String node) {
    return ((VertxInternal) vertx).clusterManager().getNodes().contains(node);
  }

  /** The acknowledgement failed: hand over if the origin is seen to leave soon, else it had the answer. */
  private static void watchOrigin(Vertx vertx, String origin, HandedOverTurn handed, long since) {
    if (!member(vertx, origin)) {
      LOG.info(() -> "the component node " + origin + " left before acknowledging a reply; handing it over");
      handOver(vertx, handed, System.nanoTime());
    } else if (System.nanoTime() - since < LEAVE_NOTICED.toNanos()) {
      vertx.setTimer(RETRY_MS, id -> watchOrigin(vertx, origin, handed, since));
    } else {
      LOG.fine(() -> "the component node " + origin + " did not acknowledge an answer but stays: it had it");
    }
  }

  private static void handOver(Vertx vertx, HandedOverTurn handed, long since) {
    vertx.eventBus().request(HANDED_OVER, handed, new DeliveryOptions().setSendTimeout(ACK_WAIT.toMillis()))
        .onFailure(e -> {
          if (System.nanoTime() - since < HAND_OVER_FOR.toNanos()) {
            vertx.setTimer(RETRY_MS, id -> handOver(vertx, handed, since));
          } else {
            LOG.warning(() -> "no component node took a turn's " + (handed.answer().isPresent() ? "answer" : "error")
                + " within " + HAND_OVER_FOR.toSeconds() + " s: " + e.getMessage());
          }
        });
  }
}

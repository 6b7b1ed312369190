package io.aiox.worker.turn;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;

/**
 * On a clustered bus, the node that sent a turn wants to know which node took it, so that it can tell the sender
 * when that node dies instead of waiting out the turn's deadline in silence. The sender names an address and a key
 * in two headers; the worker that takes the turn sends back a {@link TurnAccepted} at once.
 */
public final class TurnAcceptance {
  /** Header: where the worker reports that it took the turn. */
  public static final String REPORT_TO = "aiox-accepted-to";
  /** Header: the sender's key for the turn. */
  public static final String KEY = "aiox-turn-key";

  private TurnAcceptance() {}

  /** Asks the worker that takes the turn to report to {@code address} under {@code key}. */
  public static DeliveryOptions ask(DeliveryOptions options, String address, String key) {
    return options.addHeader(REPORT_TO, address).addHeader(KEY, key);
  }

  /** The worker's side: reports that this node took {@code turn}, when its sender asked and the bus is clustered. */
  public static void report(Vertx vertx, Message<?> turn) {
    String to = turn.headers().get(REPORT_TO);
    String key = turn.headers().get(KEY);
    if (to == null || key == null || !vertx.isClustered()) {
      return;
    }
    String node = ((VertxInternal) vertx).clusterManager().getNodeId();
    vertx.eventBus().send(to, new TurnAccepted(key, node));
  }
}

package io.aiox.component.cluster;

import io.aiox.worker.turn.TurnReturn;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.internal.VertxInternal;
import org.xmpp.packet.Message;

/**
 * Names, on a turn sent over the clustered bus, the component node that sent it and the stanza it answers, so that
 * a worker can bring the answer to another component node when this one is gone or stopping ({@link TurnReturn}).
 * The stanza travels without its body (the turn carries the text): what an answer or an error is built from is its
 * sender's full JID, the agent's JID, its type, ids and thread, and the question markers of an agent's question.
 */
final class TurnOrigin {
  private TurnOrigin() {}

  static DeliveryOptions name(Vertx vertx, Message incoming, DeliveryOptions options) {
    Message copy = incoming.createCopy();
    copy.setBody(null);
    return options.addHeader(TurnReturn.ORIGIN, ((VertxInternal) vertx).clusterManager().getNodeId())
        .addHeader(TurnReturn.STANZA, copy.toXML());
  }
}

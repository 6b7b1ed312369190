package io.aiox.component.cluster;

import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.component.xmpp.chat.ChatStanzas;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.policy.quota.Quotas;
import io.aiox.policy.quota.Reservation;
import io.aiox.worker.turn.HandedOverTurn;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnReturn;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;

/**
 * On a clustered bus, the answers (and errors) of turns whose component node left the cluster or is stopping,
 * which their workers hand to a live component node ({@link TurnReturn}): this node settles the turn's reservation
 * as the origin would have, sends the answer or error stanza on its own streams, and acknowledges; the worker
 * offers it again elsewhere when no acknowledgement comes. A node that stops takes none from the moment it starts
 * stopping. On a bus that is not clustered it takes nothing: every answer goes to the node that sent the turn.
 */
public final class HandedOverAnswers {
  private static final Logger LOG = Logger.getLogger(HandedOverAnswers.class.getName());
  private final Vertx vertx;
  private final Quotas quotas;
  private final Consumer<Packet> out;
  private MessageConsumer<HandedOverTurn> consumer;

  public HandedOverAnswers(Vertx vertx, Quotas quotas, Consumer<Packet> out) {
    this.vertx = vertx;
    this.quotas = quotas;
    this.out = out;
  }

  public HandedOverAnswers start() {
    if (vertx.isClustered()) {
      consumer = vertx.eventBus().<HandedOverTurn>consumer(TurnReturn.HANDED_OVER, m -> {
        try {
          take(m.body()); // from another node, read here (TurnWire)
          m.reply(null);
        } catch (IllegalArgumentException | DocumentException e) {
          LOG.warning(() -> "a handed-over turn that cannot be sent: " + e.getMessage());
          m.reply(null); // offering it elsewhere would not make it readable
        }
      });
    }
    return this;
  }

  /** Takes no more (this node is stopping); those on their way go to the other component nodes. */
  public void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  private void take(HandedOverTurn turn) throws DocumentException {
    Message incoming = new Message(DocumentHelper.parseText(turn.stanza()).getRootElement(), true);
    // as the origin settles: an answer without counts is charged its whole reservation, a failure nothing
    long used = turn.answer().map(a -> a.tokens().map(TurnReply.Tokens::total)
        .orElseGet(() -> turn.reservation().map(Reservation::tokens).orElse(0L))).orElse(0L);
    turn.reservation().ifPresent(r -> quotas.settle(r, used).onFailure(e -> LOG.warning(() -> "quota reservation "
        + r.id() + " of a handed-over turn not settled (its slot frees itself when it expires): " + e.getMessage())));
    Packet reply = reply(incoming, turn);
    if (reply != null) {
      out.accept(reply);
    }
  }

  /** The answer, or the error the origin would have sent; none for a duplicate (its first copy answers). */
  private static Packet reply(Message incoming, HandedOverTurn turn) {
    if (turn.answer().isPresent()) {
      Message answer = ChatStanzas.answer(incoming, turn.answer().get().body());
      AgentToAgent.markAnswer(answer, incoming);
      return answer;
    }
    TurnFailure failure = turn.failure().orElseThrow();
    if (failure == TurnFailure.DUPLICATE) {
      return null;
    }
    if (incoming.getType() == Message.Type.groupchat) {
      return ChatStanzas.answer(incoming, "(" + turn.text() + ")"); // rooms expel an occupant that sends errors
    }
    return switch (failure) {
      case REFUSED -> StanzaErrors.policyViolation(incoming, turn.text());
      case BUSY -> StanzaErrors.reply(incoming, Condition.resource_constraint, turn.text());
      default -> StanzaErrors.reply(incoming, Condition.service_unavailable, turn.text());
    };
  }
}

package io.aiox.component.xmpp.chat;

import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.schema.agent.Agent;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.Turns;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;

/** A message to an agent: receipt, {@code composing}, the turn on the event bus, then the answer or an error. */
public final class ChatHandler {
  public static final String CHATSTATES = "http://jabber.org/protocol/chatstates";
  public static final String RECEIPTS = "urn:xmpp:receipts";
  public static final String SID = "urn:xmpp:sid:0";
  /** A message with only this word stops the sender's running turn instead of starting one. */
  public static final String STOP = "stop";

  private final EventBus bus;
  private final Consumer<Packet> out;
  private final Duration turnTimeout;
  private final RecentRequests recent = new RecentRequests(10_000);

  public ChatHandler(EventBus bus, Consumer<Packet> out, Duration turnTimeout) {
    this.bus = bus;
    this.out = out;
    this.turnTimeout = turnTimeout;
  }

  public void handle(Message message, Target target) {
    if (message.getType() == Message.Type.error) {
      return;
    }
    Agent agent = target.agent().orElseThrow();
    if (message.getChildElement("request", RECEIPTS) != null && message.getID() != null) {
      out.accept(receipt(message));
    }
    String body = message.getBody();
    if (body == null || body.isBlank()) {
      return; // a chat state or a marker alone: nothing to answer
    }
    if (!recent.first(agent.id() + "/" + requestId(message))) {
      return; // the same request again: it is running or was answered
    }
    if (body.strip().equalsIgnoreCase(STOP)) {
      // rfc section 6: "stop" ends the sender's running turn, which answers with what it had so far
      bus.publish(Turns.CANCEL_ADDRESS, Turns.cancel(agent.id().toString(), message.getFrom().toBareJID()));
      return;
    }
    out.accept(chatState(message, "composing"));
    JsonObject turn = Turns.request(requestId(message), agent.id().toString(), agent.owner().toString(),
        message.getFrom().toString(), body);
    bus.<JsonObject>request(Turns.ADDRESS, turn, new DeliveryOptions().setSendTimeout(turnTimeout.toMillis()))
        .onSuccess(reply -> out.accept(answer(message, reply.body().getString("body", ""))))
        .onFailure(e -> failed(message, e));
  }

  private void failed(Message message, Throwable e) {
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && TurnFailure.of(re.failureCode()) == TurnFailure.DUPLICATE) {
      return; // another hub instance ran this request id and answered it
    }
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && TurnFailure.of(re.failureCode()) == TurnFailure.REFUSED) {
      send(StanzaErrors.policyViolation(message, re.getMessage()));
      return;
    }
    Condition condition = Condition.internal_server_error;
    String text = "the agent failed to answer; try again later";
    if (e instanceof ReplyException re) {
      switch (re.failureType()) {
        case NO_HANDLERS -> {
          condition = Condition.service_unavailable;
          text = "the agent's inference service is not running; try again later";
        }
        case TIMEOUT -> {
          condition = Condition.remote_server_timeout;
          text = "the agent did not answer within " + turnTimeout.toSeconds() + " s";
        }
        default -> {
          TurnFailure failure = TurnFailure.of(re.failureCode());
          condition = switch (failure) {
            case BUSY -> Condition.resource_constraint;
            case MODEL_UNAVAILABLE, REFUSED, DUPLICATE -> Condition.service_unavailable;
          };
          text = re.getMessage();
        }
      }
    }
    send(StanzaErrors.reply(message, condition, text));
  }

  private void send(Packet reply) {
    if (reply != null) {
      out.accept(reply);
    }
  }

  /** Request id (idempotency key): the client's XEP-0359 origin-id, else the stanza id, else a fresh one. */
  static String requestId(Message m) {
    Element origin = m.getChildElement("origin-id", SID);
    if (origin != null && origin.attributeValue("id") != null) {
      return origin.attributeValue("id");
    }
    return m.getID() != null ? m.getID() : UUID.randomUUID().toString();
  }

  private static Message fromAgent(Message incoming) {
    Message m = new Message();
    m.setType(Message.Type.chat);
    m.setFrom(incoming.getTo());
    m.setTo(incoming.getFrom());
    String id = UUID.randomUUID().toString();
    m.setID(id);
    m.addChildElement("origin-id", SID).addAttribute("id", id);
    return m;
  }

  private static Message chatState(Message incoming, String state) {
    Message m = fromAgent(incoming);
    m.addChildElement(state, CHATSTATES);
    m.addChildElement("no-store", "urn:xmpp:hints");
    return m;
  }

  private static Message answer(Message incoming, String body) {
    Message m = fromAgent(incoming);
    m.setBody(body);
    m.addChildElement("active", CHATSTATES);
    return m;
  }

  private static Message receipt(Message incoming) {
    Message m = fromAgent(incoming);
    m.addChildElement("received", RECEIPTS).addAttribute("id", incoming.getID());
    return m;
  }
}

package io.aiox.component.xmpp.chat;

import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.worker.turn.TurnStop;
import io.aiox.worker.turn.Turns;
import io.vertx.core.eventbus.EventBus;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;

/**
 * The messages that start no turn because of what the sender already asked: a request id that already ran (answered
 * from its record) and {@code stop} (ends the sender's running turns). Both read the executions every hub instance
 * records, as the first copy or the running turn may be on another instance.
 */
final class RepeatsAndStops {
  /** Logged as the chat handler: the lines of one chat message stay under one logger. */
  private static final Logger LOG = Logger.getLogger(ChatHandler.class.getName());

  private final EventBus bus;
  private final Consumer<Packet> out;
  private final ExecutionRepository executions;
  private final Duration turnTimeout;

  RepeatsAndStops(EventBus bus, Consumer<Packet> out, ExecutionRepository executions, Duration turnTimeout) {
    this.bus = bus;
    this.out = out;
    this.executions = executions;
    this.turnTimeout = turnTimeout;
  }

  /**
   * A request id that already ran (a client's resend after a lost connection, or the same stanza reaching another
   * hub instance): it never runs twice, and the sender is not left in silence. A finished request's answer (or
   * error) is sent again from its record; a running one answers when it ends; an id another sender already used
   * with this agent is refused with {@code conflict}, and nobody else's answer is ever shown.
   */
  void repeated(Message message, Agent agent) {
    if (!hasId(message)) {
      return;
    }
    String requestId = ChatStanzas.requestId(message);
    executions.byRequest(agent.owner(), agent.id(), requestId).onSuccess(found -> {
      if (found.isEmpty() || found.get().running()) {
        return; // the first copy is being taken in or answered: its answer is the reply
      }
      ExecutionRepository.Recorded r = found.get();
      if (r.peer() == null || !new JID(r.peer()).toBareJID().equals(message.getFrom().toBareJID())) {
        out.accept(StanzaErrors.reply(message, Condition.conflict, "this message id was already used with this"
            + " agent by another sender; send the message again with a new id"));
      } else if (r.output() != null && !r.output().isEmpty()) {
        out.accept(ChatStanzas.answer(message, r.output()));
      } else {
        out.accept(StanzaErrors.reply(message, Condition.service_unavailable, r.error() == null
            ? "this message was not answered (" + r.status() + "); send it again with a new id"
            : "this message was not answered: " + r.error()));
      }
    }).onFailure(e -> LOG.fine(() -> "repeated request " + requestId + ": " + e.getMessage()));
  }

  private static boolean hasId(Message message) {
    return message.getID() != null || message.getChildElement("origin-id", ChatStanzas.SID) != null;
  }

  /**
   * rfc section 6.1: "stop" ends the sender's running or waiting turns with the agent, which answer with what they
   * had. The turn may run on another hub instance than the one the stop reached (ejabberd picks one per stanza), so
   * whether one runs is read from the executions every instance records, and the stop is published (the clustered
   * bus carries it to every worker). With none running the sender is told so and nothing is published; when
   * the lookup fails the stop is published anyway, and the stopped turn's answer is the only reply.
   */
  void stop(Message message, Agent agent) {
    String peer = message.getFrom().toBareJID();
    executions.running(agent.owner(), agent.id(), peer, turnTimeout).onComplete(found -> {
      if (found.succeeded() && !found.result()) {
        out.accept(ChatStanzas.answer(message, ChatHandler.NOTHING_TO_STOP));
        return;
      }
      bus.publish(Turns.CANCEL_ADDRESS, new TurnStop(agent.id(), peer));
    });
  }
}

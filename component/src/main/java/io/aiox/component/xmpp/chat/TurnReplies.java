package io.aiox.component.xmpp.chat;

import io.aiox.schema.agent.Agent;
import io.aiox.worker.telemetry.LogContext;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.telemetry.TurnOutcome;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Consumer;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The end of a chat turn, whether it ran or was refused: its answer or error sent under a {@code reply.send} span,
 * and the turn's span ended with its outcome once its reservation is settled.
 */
final class TurnReplies {
  private final Consumer<Packet> out;
  private final Tracing tracing;

  TurnReplies(Consumer<Packet> out, Tracing tracing) {
    this.out = out;
    this.tracing = tracing;
  }

  /**
   * Sends the turn's answer or error to {@code incoming} under a {@code reply.send} span of {@code turn}. In a room
   * an error goes as a plain message with its text: rooms expel an occupant that sends them an error.
   */
  void send(Message incoming, Packet reply, Span turn) {
    if (reply == null) {
      return;
    }
    if (ChatStanzas.inRoom(incoming) && reply instanceof Message m && m.getType() == Message.Type.error) {
      reply = ChatStanzas.answer(incoming, "(" + (m.getError() == null ? "no answer" : m.getError().getText()) + ")");
    }
    Span span = tracing.child("reply.send", turn);
    try {
      out.accept(reply);
    } catch (RuntimeException e) {
      Tracing.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /**
   * Ends the turn's span once its reservation is settled. Only a failure on the hub's side marks it as an error: a
   * refusal is policy doing its job.
   */
  static void ended(Span span, TurnOutcome outcome, Throwable failure, Future<?> settled) {
    if (outcome != null) {
      span.setAttribute(Tracing.OUTCOME, outcome.label());
    }
    if (failure != null && (outcome == TurnOutcome.UNAVAILABLE || outcome == TurnOutcome.TIMEOUT
        || outcome == TurnOutcome.FAILED)) {
      Tracing.failed(span, failure);
    }
    settled.onComplete(done -> span.end());
  }

  static LogContext logContext(Message message, Agent agent) {
    return LogContext.of(agent.owner(), agent.id(), ChatStanzas.requestId(message));
  }

  static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }
}

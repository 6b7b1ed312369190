package io.aiox.component.xmpp.chat;

import io.aiox.component.xmpp.xep0308.CorrectionSupport;
import io.aiox.worker.turn.TextPiece;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The answers of this instance's running turns, growing as the worker streams their text (rfc section 6.2). The
 * worker sends each piece to an address of this instance alone ({@link #address()}): the instance that took the
 * sender's message is the one that answers it, whichever instance ejabberd gave the message to, and the address is
 * reached over the clustered bus from any worker node. A piece is matched to its turn by agent, sender (full JID) and request id, so
 * two senders who chose the same message id never see each other's text.
 */
public final class ProgressiveAnswers {
  /** Prefix of each instance's partials address; the instance id follows. */
  public static final String PARTIALS = "aiox.chat.partials.";
  /** Appended to what was shown of an answer whose turn then failed; its error follows. */
  public static final String UNFINISHED = " (not finished)";

  private final Vertx vertx;
  private final Consumer<Packet> out;
  private final ProgressiveConfig config;
  private final CorrectionSupport corrections;
  private final String address;
  private final Map<String, ProgressiveAnswer> running = new ConcurrentHashMap<>();
  private MessageConsumer<TextPiece> consumer;

  public ProgressiveAnswers(Vertx vertx, Consumer<Packet> out, ProgressiveConfig config,
                            CorrectionSupport corrections, String instanceId) {
    this.vertx = vertx;
    this.out = out;
    this.config = config;
    this.corrections = corrections;
    this.address = PARTIALS + instanceId;
  }

  public void start() {
    consumer = vertx.eventBus().consumer(address, m -> piece(m.body()));
  }

  public void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** Where the worker is to send this instance's turns' pieces ({@code TurnRequest.streamingTo}). */
  public String address() {
    return address;
  }

  /**
   * The answer to {@code incoming} (request {@code requestId} to agent {@code agentId}), collecting its pieces from
   * now on; its first message is due {@code firstAfterMs} from now.
   */
  ProgressiveAnswer open(Message incoming, String requestId, String agentId) {
    String key = key(agentId, incoming.getFrom().toString(), requestId);
    ProgressiveAnswer answer = new ProgressiveAnswer(vertx, out, config, corrections, incoming,
        () -> running.remove(key));
    running.put(key, answer);
    answer.arm();
    return answer;
  }

  private void piece(TextPiece piece) {
    ProgressiveAnswer answer = running.get(key(piece.agent().toString(), piece.peer(), piece.requestId()));
    if (answer != null) {
      answer.append(piece.text());
    }
  }

  private static String key(String agentId, String peer, String requestId) {
    return agentId + "|" + peer + "|" + requestId;
  }
}

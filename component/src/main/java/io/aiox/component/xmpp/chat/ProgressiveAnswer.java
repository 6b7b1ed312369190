package io.aiox.component.xmpp.chat;

import io.aiox.component.xmpp.xep0308.CorrectionSupport;
import io.aiox.component.xmpp.xep0308.Replace;
import io.aiox.policy.timing.DueQueue;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * One turn's answer as it is written (rfc section 6.2). A turn still running {@link #COMPOSING_AFTER} after it
 * started says {@code composing} (XEP-0085); one answered sooner sends its answer alone, and the chat state never
 * follows the answer. Once the turn has run {@code firstAfterMs}, the sender's client is asked whether it takes
 * XEP-0308 corrections; if so the text so far goes out as a first message, then,
 * at most once every {@code correctEveryMs}, as a correction of it carrying the whole text so far. The whole answer
 * is the last correction. Until then the messages say {@code composing} (XEP-0085), since the agent is still
 * writing; the last says {@code active}. The growing messages are kept from the sender's other clients (XEP-0280
 * {@code private}), which get only the last; corrections before the last are not stored (XEP-0334), so an archive
 * holds the first message and the whole answer that replaces it.
 */
final class ProgressiveAnswer {
  /**
   * How long a turn runs before the sender is told the agent is writing: an answer within it needs no chat state,
   * and a person does not notice the wait. The same timer later shows the answer as it grows.
   */
  static final Duration COMPOSING_AFTER = Duration.ofMillis(300);
  static final String HINTS = "urn:xmpp:hints";
  static final String CARBONS = "urn:xmpp:carbons:2";

  private final Vertx vertx;
  private final Consumer<Packet> out;
  private final ProgressiveConfig config;
  private final CorrectionSupport corrections;
  private final Message incoming;
  private final Runnable onClose;
  private final StringBuilder text = new StringBuilder();
  private String firstId;
  private String shown = "";
  private long sentAt;
  private Boolean supported;
  private DueQueue.Entry firstStep;
  private long timer = -1;
  private boolean closed;
  private boolean composing;

  ProgressiveAnswer(Vertx vertx, Consumer<Packet> out, ProgressiveConfig config, CorrectionSupport corrections,
                    Message incoming, Runnable onClose) {
    this.vertx = vertx;
    this.out = out;
    this.config = config;
    this.corrections = corrections;
    this.incoming = incoming;
    this.onClose = onClose;
  }

  /**
   * The turn's first step ({@code composing}, or the first look at the text when that comes sooner) from
   * {@code firstSteps}, whose delay is {@link #firstStep}; the later steps of a slow turn take timers of their own.
   */
  synchronized void arm(DueQueue firstSteps) {
    firstStep = firstSteps.add(this::due);
  }

  /** How long after its start a turn takes its first step. */
  static Duration firstStep(ProgressiveConfig config) {
    return COMPOSING_AFTER.compareTo(config.firstAfter()) < 0 ? COMPOSING_AFTER : config.firstAfter();
  }

  synchronized void append(String piece) {
    if (!closed) {
      text.append(piece);
    }
  }

  /** The timer fired: the first time it asks whether the client takes corrections; then it shows what is new. */
  private synchronized void due() {
    timer = -1;
    if (closed) {
      return;
    }
    if (!composing) {
      composing = true;
      out.accept(ChatStanzas.chatState(incoming, "composing"));
      long rest = config.firstAfter().toMillis() - firstStep(config).toMillis();
      if (rest > 0) {
        timer = vertx.setTimer(rest, t -> due());
        return;
      }
    }
    if (supported == null) {
      corrections.supports(incoming.getTo(), incoming.getFrom()).onComplete(r -> decided(r.succeeded() && r.result()));
      return;
    }
    String now = text.toString().strip();
    if (!now.isEmpty() && !now.equals(shown)) {
      send(growing(now));
    }
    timer = vertx.setTimer(config.every().toMillis(), t -> due());
  }

  private synchronized void decided(boolean takesCorrections) {
    supported = takesCorrections;
    if (takesCorrections) {
      due();
    }
  }

  /**
   * The whole answer goes out: the one plain message when nothing was shown, else the last correction, sent no
   * sooner than {@code correctEveryMs} after the message before it.
   */
  synchronized void finish(Message answer, Consumer<Message> send) {
    close();
    if (firstId == null) {
      send.accept(answer);
      return;
    }
    Replace.addTo(answer, firstId);
    long wait = sentAt + config.every().toNanos() - System.nanoTime();
    if (wait <= 0) {
      send.accept(answer);
    } else {
      vertx.setTimer(Math.max(1, wait / 1_000_000), t -> send.accept(answer));
    }
  }

  /** The turn failed: what was shown is marked unfinished (its error follows as usual). */
  synchronized void broke() {
    close();
    if (firstId != null) {
      Message last = ChatStanzas.answer(incoming, shown + ProgressiveAnswers.UNFINISHED);
      Replace.addTo(last, firstId);
      out.accept(last);
    }
  }

  private void close() {
    closed = true;
    if (firstStep != null) {
      firstStep.cancel();
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    onClose.run();
  }

  /** The first message, or a correction of it, with the text so far; the agent is still writing. */
  private Message growing(String body) {
    Message m = ChatStanzas.fromAgent(incoming);
    m.setBody(body);
    m.addChildElement("composing", ChatStanzas.CHATSTATES);
    if (firstId != null) {
      Replace.addTo(m, firstId);
      m.addChildElement("no-store", HINTS);
    }
    m.addChildElement("private", CARBONS);
    m.addChildElement("no-copy", HINTS);
    return m;
  }

  private void send(Message m) {
    if (firstId == null) {
      firstId = m.getID();
    }
    shown = m.getBody();
    sentAt = System.nanoTime();
    out.accept(m);
  }
}

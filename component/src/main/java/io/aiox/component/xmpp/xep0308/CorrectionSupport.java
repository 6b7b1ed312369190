package io.aiox.component.xmpp.xep0308;

import io.aiox.component.xmpp.routing.TtlCache;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Whether a client takes XEP-0308 corrections: its full JID is asked for its disco#info (XEP-0030), and the answer
 * is cached per full JID. A client that does not answer within the timeout, answers with an error, or is a bare
 * JID, is taken not to: it gets plain messages, which every client shows. The answer to a query may reach another
 * hub instance of the domain (ejabberd picks a connection per stanza), so it is handed on through an event-bus
 * address under {@link #ANSWERS}, which the clustered bus carries to the instance that asked.
 */
public final class CorrectionSupport {
  public static final String FEATURE = Replace.NAMESPACE;
  public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
  /** Prefix of the address a disco#info answer is handed to (on the clustered bus, whichever instance asked). */
  public static final String ANSWERS = "aiox.xep0308.disco.";
  /** Prefix of our queries' ids; an IQ answer with another id is not ours. */
  static final String ID_PREFIX = "aiox-mc-";

  private final Vertx vertx;
  private final Consumer<Packet> out;
  private final long timeoutMillis;
  private final TtlCache<String, Boolean> known;

  /** {@code timeout}: how long a client may take to answer; {@code ttl}: how long an answer is kept. */
  public CorrectionSupport(Vertx vertx, Consumer<Packet> out, Duration timeout, Duration ttl, int maxEntries) {
    this.vertx = vertx;
    this.out = out;
    this.timeoutMillis = timeout.toMillis();
    this.known = new TtlCache<>(maxEntries, ttl.toMillis());
  }

  /** Whether {@code client} takes corrections, asked as {@code agent} when not known; never fails. */
  public Future<Boolean> supports(JID agent, JID client) {
    if (client.getResource() == null) {
      return Future.succeededFuture(false); // disco#info of a bare JID is the account's, not a client's
    }
    return known.get(client.toString(), k -> ask(agent, client));
  }

  private Future<Boolean> ask(JID agent, JID client) {
    String id = ID_PREFIX + UUID.randomUUID();
    Promise<Boolean> answer = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(ANSWERS + id);
    long timer = vertx.setTimer(timeoutMillis, t -> {
      consumer.unregister();
      answer.tryComplete(false);
    });
    consumer.handler(m -> {
      if (client.toString().equals(m.body().getString("from"))) {
        vertx.cancelTimer(timer);
        consumer.unregister();
        answer.tryComplete(m.body().getBoolean("supported", false));
      }
    });
    consumer.completion().onSuccess(v -> out.accept(query(id, agent, client)))
        .onFailure(e -> answer.tryComplete(false));
    return answer.future();
  }

  private static IQ query(String id, JID agent, JID client) {
    IQ iq = new IQ(IQ.Type.get, id);
    iq.setFrom(agent);
    iq.setTo(client);
    iq.setChildElement("query", DISCO_INFO);
    return iq;
  }

  /**
   * If {@code iq} answers one of our queries (a result or an error with our id prefix), hands whether it names the
   * feature to the waiting query, on whichever instance it waits, and returns true: such an IQ needs nothing else.
   */
  public boolean answered(IQ iq) {
    if (iq.getType() != IQ.Type.result && iq.getType() != IQ.Type.error || iq.getID() == null
        || !iq.getID().startsWith(ID_PREFIX) || iq.getFrom() == null) {
      return false;
    }
    vertx.eventBus().send(ANSWERS + iq.getID(), new JsonObject().put("from", iq.getFrom().toString())
        .put("supported", iq.getType() == IQ.Type.result && names(iq.getChildElement())));
    return true;
  }

  private static boolean names(Element query) {
    if (query == null || !DISCO_INFO.equals(query.getNamespaceURI())) {
      return false;
    }
    return query.elements("feature").stream().anyMatch(f -> FEATURE.equals(f.attributeValue("var")));
  }
}

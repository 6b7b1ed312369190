package io.aiox.component.xmpp;

import io.aiox.component.hub.ComponentServer;
import io.aiox.component.xmpp.stream.ComponentStream;
import io.aiox.component.xmpp.stream.HandshakeRefused;
import io.aiox.component.xmpp.stream.StreamLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.dom4j.Element;

/**
 * The component's connection to one XMPP server node. After a loss it reconnects on its own with exponential
 * back-off (250 ms doubling to 30 s), except after a refused handshake, which only the operator can fix. Each
 * keepalive period it pings the server (XEP-0199): a ping left unanswered for a whole period means the link is dead
 * even though TCP has not noticed, so the stream is dropped and reconnected. Used on the verticle's event loop.
 */
final class ComponentLink {
  private static final Logger LOG = Logger.getLogger(ComponentLink.class.getName());
  static final long MIN_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 30_000;
  private static final String PING_PREFIX = "aiox-ping-";

  /** What a link needs of the component: where stanzas go, and who hears that it came up. */
  record Wiring(String domain, String componentDomain, String secret, StreamLimits limits,
                BiConsumer<ComponentLink, Element> onStanza, Consumer<ComponentLink> onUp) {}

  private final Vertx vertx;
  private final ComponentServer server;
  private final int index;
  private final Wiring wiring;
  private volatile ComponentStream stream;
  private volatile boolean stopping;
  private long backoffMs = MIN_BACKOFF_MS;
  /** A reconnect is scheduled. */
  private boolean retrying;
  private String pendingPing;
  private long pings;

  ComponentLink(Vertx vertx, ComponentServer server, int index, Wiring wiring) {
    this.vertx = vertx;
    this.server = server;
    this.index = index;
    this.wiring = wiring;
  }

  ComponentServer server() {
    return server;
  }

  boolean isOpen() {
    ComponentStream s = stream;
    return s != null && s.isOpen();
  }

  /** Connects and authenticates; on a later loss the link reconnects by itself. */
  Future<ComponentStream> connect() {
    pendingPing = null;
    return ComponentStream.connect(vertx, server.host(), server.componentPort(), wiring.componentDomain(),
        wiring.secret(), wiring.limits(), e -> wiring.onStanza().accept(this, e), v -> onClosed()).compose(s -> {
          if (stopping) {
            // stopped while this reconnect was under way: a stream left open would take a share of the stanzas
            return s.close().transform(r -> Future.failedFuture(new IllegalStateException("the component stopped")));
          }
          return Future.succeededFuture(s);
        }).onSuccess(s -> {
          stream = s;
          backoffMs = MIN_BACKOFF_MS;
          LOG.info(() -> "component " + wiring.componentDomain() + " connected to " + server);
          wiring.onUp().accept(this);
        });
  }

  /** Retries after a failed first connection, as after a lost one; not after a refused handshake. */
  void retryAfter(Throwable failure) {
    if (failure instanceof HandshakeRefused) {
      LOG.severe(failure.getMessage() + "; not retrying " + server);
    } else if (stream == null && !stopping) {
      onClosed();
    }
  }

  /** Schedules one reconnect; a stream closed during a failed attempt and the attempt's failure make only one. */
  private void onClosed() {
    stream = null;
    if (stopping || retrying) {
      return;
    }
    retrying = true;
    long delay = backoffMs;
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    LOG.warning(() -> "component stream to " + server + " lost; reconnecting in " + delay + " ms");
    vertx.setTimer(delay, id -> {
      retrying = false;
      if (!stopping) {
        connect().onFailure(this::retryAfter);
      }
    });
  }

  /** Whitespace keepalive, and the liveness ping; the previous period's ping unanswered drops the stream. */
  void keepalive() {
    ComponentStream s = stream;
    if (s == null || !s.isOpen()) {
      return;
    }
    s.keepalive();
    if (pendingPing != null) {
      LOG.warning(() -> server + " did not answer the ping " + pendingPing + " within a keepalive period;"
          + " reconnecting");
      pendingPing = null;
      s.close();
      return;
    }
    pendingPing = PING_PREFIX + index + "-" + (++pings);
    s.send("<iq type='get' id='" + pendingPing + "' from='" + wiring.componentDomain() + "' to='" + wiring.domain()
        + "'><ping xmlns='urn:xmpp:ping'/></iq>");
  }

  /**
   * Whether {@code element} answers one of the component's pings (then it is not a stanza for an agent); the link
   * that asked counts as alive. The answer usually comes back on that link (ejabberd prefers a route on its own
   * node), but any link may carry it, and an answer to another hub instance's ping is dropped as well.
   */
  static boolean pingAnswer(Element element, List<ComponentLink> links) {
    String id = element.attributeValue("id");
    if (!element.getName().equals("iq") || id == null || !id.startsWith(PING_PREFIX)
        || "get".equals(element.attributeValue("type")) || "set".equals(element.attributeValue("type"))) {
      return false;
    }
    for (ComponentLink link : links) {
      if (id.equals(link.pendingPing)) {
        link.pendingPing = null; // a result or an error: either way the server is alive
      }
    }
    return true;
  }

  /** Writes the stanza; false when the link is down. */
  boolean send(String xml) {
    ComponentStream s = stream;
    if (s == null || !s.isOpen()) {
      return false;
    }
    s.send(xml);
    return true;
  }

  /** Closes the stream cleanly and reconnects no more. */
  Future<Void> close() {
    stopping = true;
    ComponentStream s = stream;
    return s == null ? Future.succeededFuture() : s.close();
  }
}

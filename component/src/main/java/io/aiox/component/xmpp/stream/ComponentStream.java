package io.aiox.component.xmpp.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.dom4j.Element;

/**
 * One XEP-0114 connection: opens the stream, answers the handshake, then hands each inbound stanza to the
 * consumer on the event loop. A stream rule broken by the peer ends the stream with the RFC 6120 stream error.
 */
public final class ComponentStream {
  static final String STREAMS_NS = "urn:ietf:params:xml:ns:xmpp-streams";
  private static final Logger LOG = Logger.getLogger(ComponentStream.class.getName());
  private static final int GATHER_BYTES = 4 * 1024;

  private final NetSocket socket;
  /**
   * Held for as long as the stream lives: Vert.x 5 shuts a NetClient that is no longer reachable down after a GC,
   * closing its connections, and the link to the server would drop about 30 s after the next collection.
   */
  private final NetClient client;
  private final StanzaParser parser;
  private final Promise<ComponentStream> ready = Promise.promise();
  private final String secret;
  private final String domain;
  private Consumer<Element> onStanza = e -> { };
  private volatile boolean open = true;
  /** The socket's event loop thread and context, learned when its first bytes arrive. */
  private volatile Thread loop;
  private Context context;
  /** Stanzas sent on the event loop since its last flush; written together at the end of the loop's turn. */
  private Buffer pending;

  private ComponentStream(NetSocket socket, NetClient client, String domain, String secret, StreamLimits limits) {
    this.socket = socket;
    this.client = client;
    this.domain = domain;
    this.secret = secret;
    this.parser = new StanzaParser(limits, this::onHeader, this::onElement);
  }

  /** Connects and authenticates; fails with {@link HandshakeRefused} when the server refuses the secret. */
  public static Future<ComponentStream> connect(Vertx vertx, String host, int port, String domain, String secret,
                                                StreamLimits limits, Consumer<Element> onStanza,
                                                Handler<Void> onClose) {
    NetClientOptions options = new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5_000);
    NetClient client = vertx.createNetClient(options);
    return client.connect(port, host).onFailure(e -> client.close()).compose(socket -> {
      ComponentStream stream = new ComponentStream(socket, client, domain, secret, limits);
      stream.onStanza = onStanza;
      socket.handler(stream::onBytes);
      socket.closeHandler(v -> {
        stream.open = false;
        client.close(); // one client per connection: a reconnect makes a new one
        stream.ready.tryFail(new StreamViolation("closed", "the server closed the connection during the handshake"));
        onClose.handle(null);
      });
      socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
          + " xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>");
      return stream.ready.future();
    });
  }

  public String domain() {
    return domain;
  }

  public boolean isOpen() {
    return open;
  }

  /**
   * Writes one serialized stanza; characters XML does not allow are replaced ({@link XmlChars}). Stanzas sent on the
   * stream's event loop are gathered and written once that loop has run what it is running (a batch of answers
   * from Redis or the worker becomes one write, not one system call each); their order is kept. From any other
   * thread a stanza is written at once.
   */
  public void send(String xml) {
    if (!open) {
      return;
    }
    Buffer bytes = Buffer.buffer(XmlChars.clean(xml).getBytes(StandardCharsets.UTF_8));
    if (Thread.currentThread() != loop) {
      socket.write(bytes);
    } else if (pending == null) {
      // sized for a loop's turn of answers, so that gathering them rarely copies what was gathered
      pending = Buffer.buffer(GATHER_BYTES).appendBuffer(bytes);
      context.runOnContext(v -> flush());
    } else {
      pending.appendBuffer(bytes);
    }
  }

  /** Writes what was gathered on the event loop; only called there. */
  private void flush() {
    Buffer gathered = pending;
    pending = null;
    if (gathered != null && open) {
      socket.write(gathered);
    }
  }

  /** Whitespace keepalive (RFC 6120 section 4.6.1): cheap, and a dead TCP link shows up as a write error. */
  public void keepalive() {
    send(" ");
  }

  /** Closes the stream cleanly; the server sees {@code </stream:stream>} first. */
  public Future<Void> close() {
    if (!open) {
      return Future.succeededFuture();
    }
    if (Thread.currentThread() == loop) {
      flush(); // what was sent before the close goes before the stream's end
    }
    open = false;
    socket.write("</stream:stream>");
    return socket.close();
  }

  private void onBytes(Buffer buffer) {
    if (loop == null) {
      context = Vertx.currentContext();
      loop = Thread.currentThread();
    }
    try {
      parser.feed(buffer.getBytes());
    } catch (StreamViolation v) {
      fail(v);
    }
  }

  private void fail(StreamViolation v) {
    if (!v.condition().equals("closed")) {
      LOG.warning(() -> "ending the component stream: " + v.condition() + ": " + v.getMessage());
      send("<stream:error><" + v.condition() + " xmlns='" + STREAMS_NS + "'/><text xmlns='" + STREAMS_NS + "'>"
          + escape(v.getMessage()) + "</text></stream:error>");
    }
    ready.tryFail(v);
    close();
  }

  private void onHeader(Element header) {
    String id = header.attributeValue("id");
    if (id == null) {
      fail(new StreamViolation("invalid-id", "the server's stream header has no id"));
      return;
    }
    send("<handshake>" + sha1Hex(id + secret) + "</handshake>");
  }

  private void onElement(Element element) {
    if (!ready.future().isComplete()) {
      handshakeAnswer(element);
    } else if (element.getName().equals("error") && "stream".equals(element.getNamespacePrefix())) {
      LOG.warning(() -> "the server ended the component stream: " + element.asXML());
      close();
    } else {
      onStanza.accept(element);
    }
  }

  private void handshakeAnswer(Element element) {
    if (element.getName().equals("handshake")) {
      ready.complete(this);
    } else if (element.getName().equals("error")) {
      boolean refused = element.element("not-authorized") != null || element.element("host-unknown") != null;
      ready.fail(refused ? new HandshakeRefused(domain, element.asXML())
          : new StreamViolation("closed", "the server ended the stream during the handshake: " + element.asXML()));
      close();
    } else {
      fail(new StreamViolation("not-authorized", "a stanza arrived before the handshake completed"));
    }
  }

  static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing from the JDK", e);
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
  }
}

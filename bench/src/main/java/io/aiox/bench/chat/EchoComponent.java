package io.aiox.bench.chat;

import io.vertx.core.Future;
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
import java.util.concurrent.TimeUnit;

/**
 * The first baseline: a bare XEP-0114 component on Vert.x that sends every {@code <message/>} straight back (from
 * and to swapped, id and body unchanged). No tree, no routing, no lookups: the least any component can do per
 * message, so its throughput through the same ejabberd is the ceiling for the hub.
 */
final class EchoComponent {
  private static final long CLOSE_SECONDS = 5;
  private final String domain;
  private final String secret;
  private final Promise<EchoComponent> ready = Promise.promise();
  /** Held while connected: an unreachable NetClient is shut down with its connections. */
  private NetClient net;
  private final StanzaFramer framer = new StanzaFramer(this::onHeader, this::onElement);
  private NetSocket socket;
  private long echoed;

  private EchoComponent(String domain, String secret) {
    this.domain = domain;
    this.secret = secret;
  }

  /** Connects and completes the handshake (XEP-0114 section 3); fails with the server's answer otherwise. */
  static Future<EchoComponent> connect(Vertx vertx, String host, int port, String domain, String secret) {
    EchoComponent component = new EchoComponent(domain, secret);
    NetClientOptions options = new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5_000);
    component.net = vertx.createNetClient(options);
    return component.net.connect(port, host).compose(socket -> {
      component.socket = socket;
      socket.handler(component.framer::feed);
      socket.closeHandler(v -> component.ready.tryFail(new IllegalStateException("the server closed the component"
          + " stream during the handshake")));
      socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
          + " xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>");
      return component.ready.future();
    });
  }

  long echoed() {
    return echoed;
  }

  /**
   * Ends the stream and waits (a few seconds at most) for the server to end its own (RFC 6120 section 4.4): by
   * then ejabberd has dropped this connection's route for the domain, and another component can take it over.
   */
  Future<Void> close() {
    Promise<Void> ended = Promise.promise();
    socket.closeHandler(v -> ended.tryComplete());
    socket.write("</stream:stream>");
    return ended.future().timeout(CLOSE_SECONDS, TimeUnit.SECONDS).otherwiseEmpty().compose(v -> socket.close())
        .compose(v -> net.close());
  }

  private void onHeader(String header) {
    String id = Stanza.attribute(header, "id");
    socket.write("<handshake>" + sha1Hex(id + secret) + "</handshake>");
  }

  private void onElement(String element) {
    if (Stanza.named(element, "message")) {
      echo(element);
    } else if (Stanza.named(element, "handshake")) {
      ready.tryComplete(this);
    } else if (Stanza.named(element, "stream:error")) {
      ready.tryFail(new IllegalStateException("the server refused the component " + domain + ": " + element));
    }
  }

  private void echo(String message) {
    String body = Stanza.body(message);
    if (body == null || "error".equals(Stanza.attribute(message, "type"))) {
      return;
    }
    String id = Stanza.attribute(message, "id");
    String xml = "<message from='" + Stanza.attribute(message, "to") + "' to='" + Stanza.attribute(message, "from")
        + "' type='chat'" + (id == null ? "" : " id='" + id + "'") + "><body>" + body + "</body></message>";
    socket.write(Buffer.buffer(xml.getBytes(StandardCharsets.UTF_8)));
    echoed++;
  }

  /** The XEP-0114 handshake digest: hex SHA-1 of the stream id and the secret. */
  static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing from the JDK", e);
    }
  }
}

package io.aiox.bench.chat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * One logged-in XMPP client stream, as lean as a load generator needs (RFC 6120): stream header, SASL SCRAM-SHA-1
 * or else PLAIN (the benchmark's ejabberd offers STARTTLS but does not require it on loopback), resource binding;
 * then every inbound {@code <message/>} goes to the handler on this connection's event loop. No roster, no
 * presence: messages addressed to the full JID reach the session without them.
 */
final class ChatClient {
  private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
  private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

  private final String domain;
  private final String user;
  private final String password;
  private final String resource;
  private final Promise<ChatClient> ready = Promise.promise();
  private final StanzaFramer framer = new StanzaFramer(h -> { }, this::onElement);
  private NetSocket socket;
  private Context context;
  private volatile Consumer<String> onMessage = m -> { };
  private volatile boolean open = true;
  private boolean authenticated;
  private ScramSha1 scram;

  private ChatClient(String domain, String user, String password, String resource) {
    this.domain = domain;
    this.user = user;
    this.password = password;
    this.resource = resource;
  }

  /**
   * Opens the TCP connection and starts logging in; the future completes once connected, and {@link #ready()} once
   * logged in (or fails naming the user when the server refuses or closes).
   */
  static Future<ChatClient> connect(Vertx vertx, NetClient net, Endpoint xmpp, String user, String password,
                                    String resource) {
    ChatClient client = new ChatClient(xmpp.domain(), user, password, resource);
    return net.connect(xmpp.port(), xmpp.host()).map(socket -> {
      client.socket = socket;
      client.context = vertx.getOrCreateContext();
      socket.handler(client.framer::feed);
      socket.closeHandler(v -> {
        client.open = false;
        client.ready.tryFail(new IllegalStateException(user + ": the server closed the stream during login"));
      });
      client.openStream();
      return client;
    });
  }

  /** Completes when the stream is logged in and bound. */
  Future<ChatClient> ready() {
    return ready.future();
  }

  /** The full JID the server bound. */
  String jid() {
    return user + "@" + domain + "/" + resource;
  }

  /** The event loop this connection's handlers run on. */
  Context context() {
    return context;
  }

  /** Whether the connection is still up (a load run reports senders the server dropped). */
  boolean isOpen() {
    return open;
  }

  /** Called with each inbound {@code <message/>}, serialized, on {@link #context()}. */
  void onMessage(Consumer<String> handler) {
    this.onMessage = handler;
  }

  /** Writes one serialized stanza (any thread: Vert.x hands the write to the socket's event loop). */
  void send(String xml) {
    socket.write(Buffer.buffer(xml.getBytes(StandardCharsets.UTF_8)));
  }

  Future<Void> close() {
    socket.write("</stream:stream>");
    return socket.close();
  }

  private void openStream() {
    socket.write("<?xml version='1.0'?><stream:stream to='" + domain + "' xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
  }

  private void onElement(String element) {
    if (Stanza.named(element, "message")) {
      onMessage.accept(element);
    } else if (Stanza.named(element, "stream:features")) {
      features(element);
    } else if (Stanza.named(element, "challenge")) {
      challenge(element);
    } else if (Stanza.named(element, "success")) {
      authenticated = true;
      framer.restart();
      openStream();
    } else if (Stanza.named(element, "stream:error")) {
      ready.tryFail(new IllegalStateException(user + ": the server ended the stream: " + element));
    } else if (Stanza.named(element, "failure")) {
      ready.tryFail(new IllegalStateException(user + " could not log in: " + element));
    } else if (Stanza.named(element, "iq") && "bind".equals(Stanza.attribute(element, "id"))) {
      if ("result".equals(Stanza.attribute(element, "type"))) {
        ready.tryComplete(this);
      } else {
        ready.tryFail(new IllegalStateException(user + " could not bind " + resource + ": " + element));
      }
    }
  }

  private void features(String element) {
    if (authenticated) {
      socket.write("<iq type='set' id='bind'><bind xmlns='" + BIND + "'><resource>" + resource
          + "</resource></bind></iq>");
    } else if (element.contains(">" + ScramSha1.MECHANISM + "<")) {
      scram = new ScramSha1(user, password);
      socket.write("<auth xmlns='" + SASL + "' mechanism='" + ScramSha1.MECHANISM + "'>" + scram.clientFirst()
          + "</auth>");
    } else if (element.contains(">PLAIN<")) {
      String credentials = "\0" + user + "\0" + password;
      socket.write("<auth xmlns='" + SASL + "' mechanism='PLAIN'>"
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "</auth>");
    } else {
      ready.tryFail(new IllegalStateException("the server offers neither SCRAM-SHA-1 nor PLAIN: " + element));
    }
  }

  /** RFC 6120 section 6.4.2: the server's challenge, answered with the client's proof. */
  private void challenge(String element) {
    String text = element.substring(element.indexOf('>') + 1, element.lastIndexOf("</"));
    socket.write("<response xmlns='" + SASL + "'>" + scram.clientFinal(text) + "</response>");
  }
}

package io.aiox.bench.chat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A stand-in XMPP server for XEP-0114 components, with no ejabberd behind them: it accepts each component's stream
 * (the {@code to} of its header names the component's domain), checks the handshake, and on request sends it chat
 * messages from many senders to many of its JIDs, keeping a set number in flight, and counts the answers (a
 * {@code <message/>} with a {@code <body/>}; chat states are not answers). What a component sustains here is its
 * own ceiling, and its CPU per message is its own cost. Several components may be connected at once; each is driven
 * on its own connection's event loop, one at a time as the benchmark asks.
 */
final class StandInServer implements AutoCloseable {
  private static final String STAMP = "bench ";

  private final NetServer server;
  private final String secret;
  private final String senderDomain;
  private final Map<String, Link> links = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Link>> awaited = new ConcurrentHashMap<>();

  private StandInServer(NetServer server, String secret, String senderDomain) {
    this.server = server;
    this.secret = secret;
    this.senderDomain = senderDomain;
  }

  /** Listens on a free loopback port; senders write from {@code sender-N@senderDomain/load}. */
  static StandInServer listen(Vertx vertx, String secret, String senderDomain) {
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)
        .setTcpNoDelay(true));
    StandInServer standIn = new StandInServer(server, secret, senderDomain);
    server.connectHandler(socket -> standIn.new Link(socket));
    server.listen().await();
    return standIn;
  }

  int port() {
    return server.actualPort();
  }

  /** The connection of the component for {@code domain}, once its handshake is done. */
  Link await(String domain, long seconds) {
    try {
      return awaited.computeIfAbsent(domain, d -> new CompletableFuture<>()).get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no component for " + domain + " connected within " + seconds + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    server.close().await();
  }

  /** Counts so far on one connection (read from any thread; written on the connection's event loop). */
  record Counts(long sent, long answered, long errors) {}

  /** One component's connection. */
  final class Link {
    private final NetSocket socket;
    private final Context context;
    private final StanzaFramer framer = new StanzaFramer(this::onHeader, this::onElement);
    private final Recorder latency = new Recorder(3);
    private final String streamId = UUID.randomUUID().toString();
    private String domain;
    private List<String> locals = List.of();
    private int senders;
    private int inFlight;
    private boolean driving;
    private long outstanding;
    private Buffer pending;
    private volatile long sent;
    private volatile long answered;
    private volatile long errors;
    private volatile boolean closed;

    private Link(NetSocket socket) {
      this.socket = socket;
      this.context = Vertx.currentContext();
      socket.handler(this::onBytes);
      socket.closeHandler(v -> {
        closed = true;
        if (domain != null) {
          links.remove(domain, this);
        }
      });
    }

    /**
     * Starts the closed loop: {@code inFlight} messages outstanding, sender {@code n % senders} to agent
     * {@code locals[n % locals.size()]} for the {@code n}-th message; each answer or error sends the next one.
     */
    void drive(List<String> agentLocals, int senderCount, int messagesInFlight) {
      context.runOnContext(v -> {
        locals = agentLocals;
        senders = senderCount;
        inFlight = messagesInFlight;
        driving = true;
        pending = Buffer.buffer();
        while (outstanding < inFlight) {
          next();
        }
        flush();
      });
    }

    /** Stops sending; waits up to {@code seconds} for the answers still outstanding. Returns those left. */
    long stop(long seconds) {
      context.runOnContext(v -> driving = false);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline && sent - answered - errors > 0 && !closed) {
        sleep(20);
      }
      return sent - answered - errors;
    }

    Counts counts() {
      return new Counts(sent, answered, errors);
    }

    /** The round trips' latencies (ns) since the last call. */
    Histogram latencies() {
      return latency.getIntervalHistogram();
    }

    boolean closed() {
      return closed;
    }

    private void next() {
      long n = sent;
      String to = locals.get((int) (n % locals.size())) + "@" + domain;
      String xml = "<message from='sender-" + (n % senders) + "@" + senderDomain + "/load' to='" + to
          + "' type='chat' id='s" + n + "'><body>" + STAMP + System.nanoTime() + "</body></message>";
      pending.appendBytes(xml.getBytes(StandardCharsets.UTF_8));
      sent = n + 1;
      outstanding++;
    }

    private void flush() {
      if (pending.length() > 0) {
        socket.write(pending);
        pending = Buffer.buffer();
      }
    }

    private void onBytes(Buffer buffer) {
      pending = Buffer.buffer();
      framer.feed(buffer);
      flush();
    }

    private void onHeader(String header) {
      domain = Stanza.attribute(header, "to");
      socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
          + " xmlns:stream='http://etherx.jabber.org/streams' from='" + domain + "' id='" + streamId + "'>");
    }

    private void onElement(String element) {
      if (Stanza.named(element, "message")) {
        onMessage(element);
      } else if (Stanza.named(element, "iq")) {
        answerIq(element);
      } else if (Stanza.named(element, "handshake")) {
        handshake(element);
      }
    }

    /** A server answers its component's pings (XEP-0199); the hub reconnects when they go unanswered. */
    private void answerIq(String iq) {
      String type = Stanza.attribute(iq, "type");
      if (!"get".equals(type) && !"set".equals(type)) {
        return;
      }
      String head = " from='" + Stanza.attribute(iq, "to") + "' to='" + Stanza.attribute(iq, "from") + "' id='"
          + Stanza.attribute(iq, "id") + "'";
      pending.appendString(iq.contains("urn:xmpp:ping") ? "<iq type='result'" + head + "/>"
          : "<iq type='error'" + head + "><error type='cancel'><service-unavailable"
          + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    }

    private void handshake(String element) {
      String digest = element.substring(element.indexOf('>') + 1, element.lastIndexOf('<')).strip();
      if (!digest.equalsIgnoreCase(EchoComponent.sha1Hex(streamId + secret))) {
        socket.write("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
            + "</stream:stream>");
        socket.close();
        return;
      }
      socket.write("<handshake/>");
      links.put(domain, this);
      awaited.computeIfAbsent(domain, d -> new CompletableFuture<>()).complete(this);
    }

    private void onMessage(String element) {
      boolean error = "error".equals(Stanza.attribute(element, "type"));
      String body = error ? null : Stanza.body(element);
      if (!error && body == null) {
        return; // a chat state: the answer follows
      }
      if (error) {
        errors++;
      } else {
        int stamp = body.indexOf(STAMP);
        if (stamp >= 0) {
          latency.recordValue(Math.max(0, System.nanoTime() - parseStamp(body, stamp + STAMP.length())));
        }
        answered++;
      }
      outstanding--;
      if (driving && outstanding < inFlight) {
        next();
      }
    }
  }

  private static long parseStamp(String body, int from) {
    long v = 0;
    for (int i = from; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

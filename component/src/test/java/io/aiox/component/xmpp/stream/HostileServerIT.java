package io.aiox.component.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What ejabberd never sends but a broken or hostile server might: the component must end the stream with the
 * RFC 6120 section 4.9.3 condition, keep its memory bounded, and connect again. The server here is a named test
 * fixture ({@link HostileServer}); real PostgreSQL and Redis stand behind the hub.
 */
@ExtendWith(RealServers.class)
class HostileServerIT {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "malformed XML, not-well-formed",
      "an entity declaration, restricted-xml",
      "an oversized stanza, policy-violation",
      "a deeply nested stanza, policy-violation"})
  void the_component_ends_the_stream_with_the_right_error_and_reconnects(String attack, String condition,
                                                                         TestServers servers) throws Exception {
    try (HostileServer server = new HostileServer(payload(attack))) {
      JsonObject config = TestHubConfig.json(servers);
      config.getJsonObject("xmpp").put("componentPort", server.port());
      long heapBefore = usedHeap();
      Hub hub = Hub.start(HubConfig.fromJson(config));
      try {
        String transcript = server.transcripts.poll(10, TimeUnit.SECONDS);
        assertThat(transcript).as("what the component wrote on the attacked stream").isNotNull()
            .contains("<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        assertThat(server.handshakes.get()).isGreaterThanOrEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.handshakes.get() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(server.handshakes.get()).as("the component connected again").isGreaterThanOrEqualTo(2);
      } finally {
        hub.close();
      }
      assertThat(usedHeap() - heapBefore).as("heap growth after the attack").isLessThan(64L << 20);
    }
  }

  private static byte[] payload(String attack) {
    String s = switch (attack) {
      case "malformed XML" -> "<message from='a@hub.test' to='x@agents.hub.test'><body>hi</message>";
      case "an entity declaration" -> "<!DOCTYPE x [<!ENTITY boom 'boom'>]><message/>";
      case "an oversized stanza" -> "<message from='a@hub.test' to='x@agents.hub.test'><body>"
          + "A".repeat(1 << 20) + "</body></message>";
      case "a deeply nested stanza" -> "<message>" + "<x>".repeat(200) + "</x>".repeat(200) + "</message>";
      default -> throw new IllegalArgumentException(attack);
    };
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long usedHeap() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * Test fixture: a one-domain XEP-0114 server on loopback. It accepts any handshake; on the first connection it
   * then sends the payload and records everything the component writes until it closes; later connections are
   * only counted and held open.
   */
  static final class HostileServer implements AutoCloseable {
    final BlockingQueue<String> transcripts = new LinkedBlockingQueue<>();
    final AtomicInteger handshakes = new AtomicInteger();
    private final ServerSocket socket;
    private final byte[] payload;
    private final Thread acceptor;

    HostileServer(byte[] payload) throws IOException {
      this.payload = payload;
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
      return socket.getLocalPort();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          Thread.ofVirtual().start(() -> serve(client));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket client) {
      try (client) {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        readUntil(in, "'>");
        out.write(("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:component:accept' from='agents.hub.test' id='fixture-" + handshakes.get() + "'>")
            .getBytes(StandardCharsets.UTF_8));
        readUntil(in, "</handshake>");
        out.write("<handshake/>".getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (handshakes.incrementAndGet() > 1) {
          in.transferTo(OutputStream.nullOutputStream());
          return;
        }
        Thread.ofVirtual().start(() -> {
          try {
            out.write(payload);
            out.flush();
          } catch (IOException cutOff) {
            // expected for the oversized payload: the component closes before reading it all
          }
        });
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
          in.transferTo(seen);
        } catch (IOException reset) {
          // the component may reset the connection after its stream error
        }
        transcripts.add(seen.toString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        transcripts.add("fixture I/O failure: " + e);
      }
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
      StringBuilder seen = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0) {
        seen.append((char) b);
        if (seen.indexOf(marker) >= 0) {
          return;
        }
      }
      throw new IOException("the component closed before sending " + marker);
    }

    @Override
    public void close() throws IOException {
      socket.close();
      acceptor.interrupt();
    }
  }
}

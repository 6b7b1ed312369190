package io.aiox.worker.model.pull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: the JDK's HTTP server on 127.0.0.1 serving one file at {@code /model.gguf}, with byte ranges
 * (RFC 9110, section 14) unless told not to, and able to drop the connection part-way through a response. It
 * records the {@code Range} header of every request and counts the body bytes it sent.
 */
final class LocalFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  final List<String> ranges = new CopyOnWriteArrayList<>();
  final AtomicLong bodyBytesSent = new AtomicLong();
  volatile byte[] content;
  volatile boolean honoursRanges = true;
  /** The next response stops after this many body bytes and the connection is dropped; -1: no cut. */
  volatile long cutNextAfter = -1;
  /** Sent as {@code X-Linked-ETag} on the {@code /redirect} answer when set. */
  volatile String linkedEtag;
  volatile int forcedStatus;

  private final HttpServer server;

  private LocalFileServer(byte[] content) throws IOException {
    this.content = content;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/model.gguf", this::serve);
    server.createContext("/redirect", this::redirect);
    server.start();
  }

  static LocalFileServer serving(byte[] content) throws IOException {
    return new LocalFileServer(content);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/model.gguf");
  }

  /** A URL answering 302 to {@link #url()}, as a Git LFS host does before its CDN serves the bytes. */
  URI redirectingUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/redirect");
  }

  private void redirect(HttpExchange exchange) throws IOException {
    if (linkedEtag != null) {
      exchange.getResponseHeaders().add("X-Linked-ETag", "\"" + linkedEtag + "\"");
    }
    exchange.getResponseHeaders().add("Location", url().toString());
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "" : range);
    if (forcedStatus != 0) {
      exchange.sendResponseHeaders(forcedStatus, -1);
      exchange.close();
      return;
    }
    byte[] file = content;
    long from = 0;
    Matcher m = RANGE.matcher(range == null ? "" : range);
    if (honoursRanges && m.matches()) {
      from = Long.parseLong(m.group(1));
      if (from >= file.length) {
        exchange.getResponseHeaders().add("Content-Range", "bytes */" + file.length);
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
    }
    exchange.sendResponseHeaders(from > 0 ? 206 : 200, file.length - from);
    send(exchange, file, (int) from);
  }

  private void send(HttpExchange exchange, byte[] file, int from) throws IOException {
    long cut = cutNextAfter;
    cutNextAfter = -1;
    int length = file.length - from;
    int sent = cut >= 0 ? (int) Math.min(cut, length) : length;
    OutputStream body = exchange.getResponseBody();
    body.write(file, from, sent);
    body.flush();
    bodyBytesSent.addAndGet(sent);
    if (sent < length) {
      // Fewer bytes than announced: the server closes the connection, as a dropped network link would.
      throw new IOException("cut after " + sent + " bytes on purpose");
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package io.aiox.bench.chat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits an XMPP stream (RFC 6120 section 4) into its top-level elements without building a tree: it tracks tag
 * depth and quotes byte by byte, and hands each complete child of {@code <stream:stream>} on as text. Enough for a
 * load generator and the echo component, which read a few attributes and the body of well-formed server output;
 * no validation (the server is trusted here).
 */
final class StanzaFramer {
  private final Consumer<String> onHeader;
  private final Consumer<String> onElement;
  private byte[] data = new byte[8192];
  private int length;
  private int scan;
  private int depth;
  private int elementStart = -1;
  private boolean closed;

  StanzaFramer(Consumer<String> onHeader, Consumer<String> onElement) {
    this.onHeader = onHeader;
    this.onElement = onElement;
  }

  /** After SASL success the stream restarts (RFC 6120 section 6.4.6): the next header opens a new stream. */
  void restart() {
    depth = 0;
    elementStart = -1;
  }

  /** Whether the peer closed its stream ({@code </stream:stream>}). */
  boolean closed() {
    return closed;
  }

  void feed(Buffer buffer) {
    append(buffer);
    int i = scan;
    while (i < length) {
      if (data[i] != '<') {
        i++;
        continue;
      }
      int end = tagEnd(i);
      if (end < 0) {
        break; // the tag is not complete yet
      }
      tag(i, end);
      i = end + 1;
    }
    scan = i;
    compact();
  }

  /** The index of the tag's closing '>', or -1 when more bytes are needed. */
  private int tagEnd(int start) {
    byte quote = 0;
    for (int i = start + 1; i < length; i++) {
      byte b = data[i];
      if (quote != 0) {
        if (b == quote) {
          quote = 0;
        }
      } else if (b == '\'' || b == '"') {
        quote = b;
      } else if (b == '>') {
        return i;
      }
    }
    return -1;
  }

  private void tag(int start, int end) {
    byte kind = data[start + 1];
    if (kind == '?' || kind == '!') {
      return; // the XML declaration; servers send no comments or CDATA
    }
    if (kind == '/') {
      depth--;
      if (depth == 1 && elementStart >= 0) {
        emit(end);
      } else if (depth == 0) {
        closed = true;
      }
      return;
    }
    boolean empty = data[end - 1] == '/';
    if (depth == 0) {
      depth = 1;
      onHeader.accept(new String(data, start, end + 1 - start, StandardCharsets.UTF_8));
      return;
    }
    if (depth == 1) {
      elementStart = start;
      if (empty) {
        emit(end);
        return;
      }
    }
    if (!empty) {
      depth++;
    }
  }

  private void emit(int end) {
    String element = new String(data, elementStart, end + 1 - elementStart, StandardCharsets.UTF_8);
    elementStart = -1;
    onElement.accept(element);
  }

  private void append(Buffer buffer) {
    int n = buffer.length();
    if (length + n > data.length) {
      byte[] bigger = new byte[Math.max(data.length * 2, length + n)];
      System.arraycopy(data, 0, bigger, 0, length);
      data = bigger;
    }
    buffer.getBytes(0, n, data, length);
    length += n;
  }

  /** Drops what is consumed: everything before the element in progress, or before the next unread byte. */
  private void compact() {
    int keep = elementStart >= 0 ? elementStart : scan;
    if (keep == 0) {
      return;
    }
    System.arraycopy(data, keep, data, 0, length - keep);
    length -= keep;
    scan -= keep;
    if (elementStart >= 0) {
      elementStart -= keep;
    }
  }
}

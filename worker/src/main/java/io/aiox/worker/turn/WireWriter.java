package io.aiox.worker.turn;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** Appends the parts of {@link TurnWire}'s form to a buffer. */
final class WireWriter {
  private final Buffer out;

  WireWriter(Buffer out) {
    this.out = out;
  }

  WireWriter text(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.appendInt(utf8.length).appendBytes(utf8);
    return this;
  }

  WireWriter optionalText(Optional<String> s) {
    present(s).ifPresent(this::text);
    return this;
  }

  WireWriter uuid(UUID id) {
    out.appendLong(id.getMostSignificantBits()).appendLong(id.getLeastSignificantBits());
    return this;
  }

  WireWriter int32(int i) {
    out.appendInt(i);
    return this;
  }

  WireWriter int64(long l) {
    out.appendLong(l);
    return this;
  }

  /** A flag or an enum's ordinal, in one byte. */
  WireWriter small(int b) {
    out.appendByte((byte) b);
    return this;
  }

  /** Writes whether {@code value} is present; the caller writes the value itself when it is. */
  <T> Optional<T> present(Optional<T> value) {
    out.appendByte((byte) (value.isPresent() ? 1 : 0));
    return value;
  }
}

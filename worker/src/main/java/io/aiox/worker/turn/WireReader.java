package io.aiox.worker.turn;

import io.aiox.worker.turn.TurnWire.Kind;
import io.aiox.worker.turn.TurnWire.MalformedTurnMessage;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the parts of one message in {@link TurnWire}'s form, between {@code pos} and {@code end}; each read names
 * the part it reads, so that a form cut short or wrong fails saying which part of which kind.
 */
final class WireReader {
  private final Buffer in;
  private final int end;
  private final Kind kind;
  private int pos;

  WireReader(Buffer in, int pos, int end, Kind kind) {
    this.in = in;
    this.pos = pos;
    this.end = end;
    this.kind = kind;
  }

  String text(String part) {
    int length = int32(part + "'s length");
    if (length < 0) {
      throw wrong(part, "has a negative length " + length);
    }
    take(part, length);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in.getBytes(pos - length, pos))).toString();
    } catch (CharacterCodingException e) {
      throw wrong(part, "is not UTF-8");
    }
  }

  Optional<String> optionalText(String part) {
    return present(part) ? Optional.of(text(part)) : Optional.empty();
  }

  UUID uuid(String part) {
    take(part, 16);
    return new UUID(in.getLong(pos - 16), in.getLong(pos - 8));
  }

  int int32(String part) {
    take(part, 4);
    return in.getInt(pos - 4);
  }

  long int64(String part) {
    take(part, 8);
    return in.getLong(pos - 8);
  }

  /** One unsigned byte: a flag or an enum's ordinal. */
  int small(String part) {
    take(part, 1);
    return in.getUnsignedByte(pos - 1);
  }

  boolean present(String part) {
    return flag(part + " (present or not)");
  }

  boolean flag(String part) {
    int b = small(part);
    if (b > 1) {
      throw wrong(part, "is " + b + ", neither 0 nor 1");
    }
    return b == 1;
  }

  /** Checks that the message ended exactly where its length said. */
  void end() {
    if (pos != end) {
      throw new MalformedTurnMessage(kind.said + " has " + (end - pos) + " bytes more than its parts");
    }
  }

  MalformedTurnMessage wrong(String part, String why) {
    return new MalformedTurnMessage("the " + part + " of " + kind.said + " " + why);
  }

  private void take(String part, int bytes) {
    if (end - pos < bytes) {
      throw new MalformedTurnMessage(kind.said + " ends before its " + part + " (" + bytes + " bytes needed, "
          + (end - pos) + " left)");
    }
    pos += bytes;
  }
}

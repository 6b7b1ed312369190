package io.aiox.worker.turn;

import io.aiox.worker.turn.TurnWire.Kind;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/**
 * The event-bus codec of one {@link TurnMessage} record class: on one machine the record goes over as it is (it is
 * immutable: no copy, no JSON); to another node of a clustered bus in {@link TurnWire}'s binary form. Vert.x picks a
 * codec by its name on the receiving node, so every node must {@link #register} the same set.
 */
public final class TurnCodec<T extends TurnMessage> implements MessageCodec<T, T> {
  private final Class<T> type;
  private final Kind kind;

  private TurnCodec(Class<T> type, Kind kind) {
    this.type = type;
    this.kind = kind;
  }

  /**
   * Makes every turn message record a default codec of {@code vertx}'s bus, so that code sends the records as they
   * are; every Vert.x instance that carries turns goes through here once, right after it is built. Returns it.
   */
  public static Vertx register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    all().forEach(codec -> codec.registerOn(bus));
    return vertx;
  }

  /** One codec for each kind of turn message. */
  static List<TurnCodec<?>> all() {
    return List.of(new TurnCodec<>(TurnRequest.class, Kind.REQUEST), new TurnCodec<>(TurnReply.class, Kind.REPLY),
        new TurnCodec<>(TextPiece.class, Kind.PIECE), new TurnCodec<>(TurnStop.class, Kind.STOP),
        new TurnCodec<>(ToolRunning.class, Kind.TOOL), new TurnCodec<>(TurnAccepted.class, Kind.ACCEPTED),
        new TurnCodec<>(ApprovalDecision.class, Kind.DECISION), new TurnCodec<>(TurnFailed.class, Kind.FAILED),
        new TurnCodec<>(HandedOverTurn.class, Kind.HANDED_OVER), new TurnCodec<>(WorkerLoad.class, Kind.LOAD));
  }

  /** The record class this codec carries. */
  Class<T> type() {
    return type;
  }

  private void registerOn(EventBus bus) {
    bus.registerDefaultCodec(type, this);
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    TurnWire.write(buffer, message);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    return type.cast(TurnWire.read(buffer, pos, kind));
  }

  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public String name() {
    return "aiox.turn." + type.getSimpleName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}

package io.aiox.worker.turn;

import io.aiox.policy.quota.Reservation;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.tool.ToolApprovals.Decision;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The binary form of a {@link TurnMessage} between machines (on one machine the record itself is handed over).
 * Big-endian, in this order:
 * <pre>
 * int   length of all that follows
 * byte  version ({@value #VERSION})
 * byte  kind: 1 request, 2 reply, 3 text piece, 4 stop, 5 tool running, 6 accepted, 7 approval decision,
 *       8 turn failed, 9 handed-over turn, 10 worker load
 * ...   the record's components in declaration order:
 *       text = int byte count + UTF-8;  id (AgentId, OwnerId) = two longs;  optional = byte 0 or 1, then the value;
 *       boolean = byte 0 or 1;  enum = its byte;  LocalDate = long epoch day;  Instant = long seconds + int nanos
 * </pre>
 * A reservation is {@code id, owner, agent, remoteDomain?, tokens (long), day, admittedAt, payer}; a chain
 * {@code hops (int), origin, payer?}; a reply's tokens {@code prompt, completion} (ints); a {@link TurnFailure} its
 * code in one byte (a code this node does not know reads as {@link TurnFailure#MODEL_UNAVAILABLE}); a handed-over
 * turn's answer the form of a reply without its length, version and kind. A form that does not read
 * exactly so fails with a {@link MalformedTurnMessage} that names the kind and the part that is wrong.
 */
public final class TurnWire {
  /** The version this node writes and reads; a change to the form above takes the next one. */
  public static final byte VERSION = 1;
  /** The most models one worker's load names. */
  static final int MAX_MODELS = 1_024;

  /** The kinds of message, each with its byte. */
  enum Kind {
    REQUEST(1, "a turn request"), REPLY(2, "a turn reply"), PIECE(3, "a text piece"), STOP(4, "a turn stop"),
    TOOL(5, "a tool status"), ACCEPTED(6, "a turn acceptance"), DECISION(7, "an approval decision"),
    FAILED(8, "a turn failure"), HANDED_OVER(9, "a handed-over turn"), LOAD(10, "a worker's load");

    final byte id;
    final String said;

    Kind(int id, String said) {
      this.id = (byte) id;
      this.said = said;
    }

    static Kind of(TurnMessage m) {
      return switch (m) {
        case TurnRequest r -> REQUEST;
        case TurnReply r -> REPLY;
        case TextPiece p -> PIECE;
        case TurnStop s -> STOP;
        case ToolRunning t -> TOOL;
        case TurnAccepted a -> ACCEPTED;
        case ApprovalDecision d -> DECISION;
        case TurnFailed f -> FAILED;
        case HandedOverTurn h -> HANDED_OVER;
        case WorkerLoad l -> LOAD;
      };
    }
  }

  private TurnWire() {}

  /** {@code m} in its binary form. */
  public static Buffer encode(TurnMessage m) {
    Buffer out = Buffer.buffer(64);
    write(out, m);
    return out;
  }

  /** Reads a whole buffer written by {@link #encode}. */
  public static TurnMessage decode(Buffer in) {
    TurnMessage m = read(in, 0, null);
    int used = 4 + in.getInt(0);
    if (used != in.length()) {
      throw new MalformedTurnMessage(Kind.of(m).said + " is followed by " + (in.length() - used)
          + " bytes that belong to no message");
    }
    return m;
  }

  /** Appends {@code m}'s binary form to {@code out}. */
  static void write(Buffer out, TurnMessage m) {
    int start = out.length();
    Kind kind = Kind.of(m);
    out.appendInt(0).appendByte(VERSION).appendByte(kind.id);
    WireWriter w = new WireWriter(out);
    switch (m) {
      case TurnRequest r -> request(w, r);
      case TurnReply r -> reply(w, r);
      case TextPiece p -> w.text(p.requestId()).uuid(p.agent().value()).text(p.peer()).text(p.text());
      case TurnStop s -> w.uuid(s.agent().value()).text(s.peer());
      case ToolRunning t -> w.text(t.from()).text(t.to()).text(t.tool());
      case TurnAccepted a -> w.text(a.key()).text(a.node());
      case ApprovalDecision d -> w.text(d.callId()).small(d.decision().ordinal()).text(d.by());
      case TurnFailed f -> w.small(f.failure().code()).text(f.text());
      case HandedOverTurn h -> handedOver(w, h);
      case WorkerLoad l -> load(w, l);
    }
    out.setInt(start, out.length() - start - 4);
  }

  /**
   * Reads the message that starts at {@code pos}; {@code expected}, when not null, is the only kind accepted (a
   * codec registered for one record class). It must end exactly where its length says.
   */
  static TurnMessage read(Buffer in, int pos, Kind expected) {
    String what = expected == null ? "a turn message" : expected.said;
    if (pos < 0 || in.length() - pos < 6) {
      throw new MalformedTurnMessage(what + " needs at least 6 bytes, " + Math.max(0, in.length() - pos)
          + " arrived");
    }
    int length = in.getInt(pos);
    if (length < 2 || length > in.length() - pos - 4) {
      throw new MalformedTurnMessage(what + " says it is " + length + " bytes long, "
          + (in.length() - pos - 4) + " arrived");
    }
    byte version = in.getByte(pos + 4);
    if (version != VERSION) {
      throw new MalformedTurnMessage(what + " in wire version " + version + "; this node reads version "
          + VERSION + " (nodes of different releases in one cluster?)");
    }
    Kind kind = kind(in.getByte(pos + 5), expected);
    WireReader r = new WireReader(in, pos + 6, pos + 4 + length, kind);
    TurnMessage m = switch (kind) {
      case REQUEST -> request(r);
      case REPLY -> reply(r);
      case PIECE -> new TextPiece(r.text("requestId"), new AgentId(r.uuid("agent")), r.text("peer"), r.text("text"));
      case STOP -> new TurnStop(new AgentId(r.uuid("agent")), r.text("peer"));
      case TOOL -> new ToolRunning(r.text("from"), r.text("to"), r.text("tool"));
      case ACCEPTED -> new TurnAccepted(r.text("key"), r.text("node"));
      case DECISION -> new ApprovalDecision(r.text("callId"), decision(r), r.text("by"));
      case FAILED -> new TurnFailed(TurnFailure.of(r.small("failure")), r.text("text"));
      case HANDED_OVER -> handedOver(r);
      case LOAD -> load(r);
    };
    r.end();
    return m;
  }

  private static Kind kind(byte id, Kind expected) {
    for (Kind k : Kind.values()) {
      if (k.id == id) {
        if (expected != null && k != expected) {
          throw new MalformedTurnMessage(k.said + " arrived where " + expected.said + " was expected");
        }
        return k;
      }
    }
    throw new MalformedTurnMessage("unknown turn message kind " + id + " (kinds 1 to " + Kind.values().length + ")");
  }

  private static void request(WireWriter w, TurnRequest r) {
    w.text(r.requestId()).uuid(r.agent().value()).uuid(r.owner().value()).text(r.peer()).text(r.body());
    w.present(r.reservation()).ifPresent(q -> reservation(w, q));
    w.optionalText(r.partials()).small(r.toolStatus() ? 1 : 0);
    w.present(r.chain()).ifPresent(c -> w.int32(c.hops()).text(c.origin())
        .present(c.payer()).ifPresent(p -> w.uuid(p.value())));
  }

  private static TurnRequest request(WireReader r) {
    String requestId = r.text("requestId");
    AgentId agent = new AgentId(r.uuid("agent"));
    OwnerId owner = new OwnerId(r.uuid("owner"));
    String peer = r.text("peer");
    String body = r.text("body");
    Optional<Reservation> reservation = r.present("reservation") ? Optional.of(reservation(r)) : Optional.empty();
    Optional<String> partials = r.optionalText("partials");
    boolean toolStatus = r.flag("toolStatus");
    Optional<Chain> chain = r.present("chain") ? Optional.of(new Chain(r.int32("chain hops"), r.text("chain origin"),
        r.present("chain payer") ? Optional.of(new OwnerId(r.uuid("chain payer"))) : Optional.empty()))
        : Optional.empty();
    return new TurnRequest(requestId, agent, owner, peer, body, reservation, partials, toolStatus, chain);
  }

  private static void reservation(WireWriter w, Reservation q) {
    w.text(q.id()).uuid(q.owner().value()).uuid(q.agent().value()).optionalText(q.remoteDomain()).int64(q.tokens())
        .int64(q.day().toEpochDay()).int64(q.admittedAt().getEpochSecond()).int32(q.admittedAt().getNano())
        .uuid(q.payer().value());
  }

  private static Reservation reservation(WireReader r) {
    return new Reservation(r.text("reservation id"), new OwnerId(r.uuid("reservation owner")),
        new AgentId(r.uuid("reservation agent")), r.optionalText("reservation remoteDomain"),
        r.int64("reservation tokens"), LocalDate.ofEpochDay(r.int64("reservation day")),
        Instant.ofEpochSecond(r.int64("reservation admittedAt"), r.int32("reservation admittedAt nanos")),
        new OwnerId(r.uuid("reservation payer")));
  }

  private static void reply(WireWriter w, TurnReply r) {
    w.text(r.body()).optionalText(r.provider()).optionalText(r.model());
    w.present(r.tokens()).ifPresent(t -> w.int32(t.prompt()).int32(t.completion()));
  }

  private static TurnReply reply(WireReader r) {
    String body = r.text("body");
    Optional<String> provider = r.optionalText("provider");
    Optional<String> model = r.optionalText("model");
    Optional<TurnReply.Tokens> tokens = r.present("tokens")
        ? Optional.of(new TurnReply.Tokens(r.int32("prompt tokens"), r.int32("completion tokens")))
        : Optional.empty();
    return new TurnReply(body, provider, model, tokens);
  }

  private static void handedOver(WireWriter w, HandedOverTurn h) {
    w.text(h.stanza());
    w.present(h.reservation()).ifPresent(q -> reservation(w, q));
    w.present(h.answer()).ifPresent(a -> reply(w, a));
    w.present(h.failure()).ifPresent(f -> w.small(f.code()));
    w.text(h.text());
  }

  private static HandedOverTurn handedOver(WireReader r) {
    String stanza = r.text("stanza");
    Optional<Reservation> reservation = r.present("reservation") ? Optional.of(reservation(r)) : Optional.empty();
    Optional<TurnReply> answer = r.present("answer") ? Optional.of(reply(r)) : Optional.empty();
    Optional<TurnFailure> failure = r.present("failure") ? Optional.of(TurnFailure.of(r.small("failure")))
        : Optional.empty();
    String text = r.text("text");
    if (answer.isPresent() == failure.isPresent()) {
      throw new MalformedTurnMessage("a handed-over turn has " + (answer.isPresent()
          ? "both an answer and a failure" : "neither an answer nor a failure") + "; it has one of them");
    }
    return new HandedOverTurn(stanza, reservation, answer, failure, text);
  }

  /** A worker's load: its node, then the count of models and each model's name, free slots and waiting turns. */
  private static void load(WireWriter w, WorkerLoad l) {
    w.text(l.node()).int32(l.models().size());
    for (WorkerLoad.ModelLoad m : l.models()) {
      w.text(m.model()).int32(m.free()).int32(m.waiting());
    }
  }

  private static WorkerLoad load(WireReader r) {
    String node = r.text("node");
    int count = r.int32("model count");
    if (count < 0 || count > MAX_MODELS) {
      throw r.wrong("model count", "is " + count + ", not 0-" + MAX_MODELS);
    }
    java.util.List<WorkerLoad.ModelLoad> models = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String model = r.text("model");
      int free = r.int32("free slots");
      int waiting = r.int32("waiting turns");
      if (free < 0 || waiting < 0) {
        throw r.wrong("load of " + model, "is negative (" + free + " free, " + waiting + " waiting)");
      }
      models.add(new WorkerLoad.ModelLoad(model, free, waiting));
    }
    return new WorkerLoad(node, models);
  }

  private static Decision decision(WireReader r) {
    int i = r.small("decision");
    if (i >= Decision.values().length) {
      throw r.wrong("decision", "is " + i + ", not one of 0 to " + (Decision.values().length - 1));
    }
    return Decision.values()[i];
  }

  /** A wire form that cannot be read; its message says what is wrong. */
  public static final class MalformedTurnMessage extends IllegalArgumentException {
    MalformedTurnMessage(String message) {
      super("malformed turn message on the event bus: " + message);
    }
  }
}

package io.aiox.worker.memory;

import java.util.Arrays;

/** Why a memory operation did not happen; the message is meant for the owner. */
public final class MemoryFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The closed set of reasons, each with the event-bus failure code it travels as. */
  public enum Kind {
    /** No live agent of this owner by that id. */
    NOT_FOUND(404),
    /** The request itself is wrong: empty text, a document that is not text or PDF, a bad URL. */
    INVALID(400),
    /** A rule refused it: the network rule for a document URL, a size limit. */
    DENIED(403),
    /** The embedding model, the database or the memory service cannot be used now. */
    UNAVAILABLE(503);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static Kind ofCode(int code) {
      return Arrays.stream(values()).filter(k -> k.code == code).findFirst().orElse(UNAVAILABLE);
    }
  }

  private final Kind kind;

  public MemoryFailure(Kind kind, String message) {
    this(kind, message, null);
  }

  public MemoryFailure(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

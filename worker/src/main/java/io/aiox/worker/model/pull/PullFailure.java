package io.aiox.worker.model.pull;

/** Why a pull did not leave a verified file; the message is what the operator reads. */
public final class PullFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong; the command line maps {@link #BAD_INPUT} and {@link #UNKNOWN_MODEL} to a usage error. */
  public enum Kind {
    /** A malformed name, URL or checksum on the command line. */
    BAD_INPUT,
    /** The name is not in the catalog and no URL was given. */
    UNKNOWN_MODEL,
    /** Neither the catalog, the command line nor the server gave a checksum to verify against. */
    NO_CHECKSUM,
    /** The server refused or failed (status other than 200/206/416). */
    HTTP,
    /** The connection broke or the disk failed mid-way; the partial file is kept for a resume. */
    INTERRUPTED,
    /** The bytes do not have the expected SHA-256; they were deleted. */
    CHECKSUM_MISMATCH,
    /** A different file already has the model's name. */
    EXISTS
  }

  private final Kind kind;

  public PullFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public PullFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

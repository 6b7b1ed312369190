package io.aiox.web.openai;

import java.util.Objects;

/**
 * A turn that did not answer, for a reason the hub states in {@code text} (the same text an XMPP client reads in
 * the error stanza). {@link Reason} is the closed set the HTTP edge maps to a status.
 */
public final class TurnRefused extends RuntimeException {
  /** Why, with its HTTP status and the OpenAI error {@code type} clients switch on. */
  public enum Reason {
    /** No agent of this hub by that id or JID, or one the caller may not use (XMPP item-not-found, forbidden). */
    NOT_FOUND(404, "not-found", "invalid_request_error"),
    BAD_REQUEST(400, "bad-request", "invalid_request_error"),
    /** A spent quota (XMPP policy-violation). */
    QUOTA(429, "quota-exceeded", "insufficient_quota"),
    /** Too many running turns (XMPP resource-constraint). */
    BUSY(429, "busy", "rate_limit_exceeded"),
    /** The quota store or the inference service is down (XMPP service-unavailable). */
    UNAVAILABLE(503, "unavailable", "server_error"),
    /** The agent did not answer within the turn deadline (XMPP remote-server-timeout). */
    TIMEOUT(504, "timeout", "server_error"),
    /** The agent failed to answer (XMPP internal-server-error). */
    FAILED(502, "agent-failed", "server_error");

    private final int status;
    private final String problem;
    private final String openAiType;

    Reason(int status, String problem, String openAiType) {
      this.status = status;
      this.problem = problem;
      this.openAiType = openAiType;
    }

    public int status() {
      return status;
    }

    /** The problem document's name ({@code urn:aiox:problem:<name>}). */
    public String problem() {
      return problem;
    }

    public String openAiType() {
      return openAiType;
    }
  }

  private final Reason reason;

  public TurnRefused(Reason reason, String text) {
    super(Objects.requireNonNull(text, "text"), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}

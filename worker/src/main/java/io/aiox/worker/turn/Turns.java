package io.aiox.worker.turn;

/** Event-bus addresses of a turn; the messages are the {@link TurnMessage} records. */
public final class Turns {
  /**
   * Where a {@link TurnRequest} is sent, answered with a {@link TurnReply} or failed with a {@link TurnFailure}; the
   * inference verticle consumes it (a test fixture may stand in for it).
   */
  public static final String ADDRESS = "aiox.inference.turn";
  /** Where a {@link TurnStop} is published when a peer asks to stop its running turn with an agent. */
  public static final String CANCEL_ADDRESS = "aiox.inference.cancel";
  /**
   * Where a worker sends a {@link ToolRunning} while one of a turn's tools runs; a component sends it to the sender
   * as a chat message that is not archived.
   */
  public static final String STATUS_ADDRESS = "aiox.inference.status";

  private Turns() {}

  /**
   * Where turns for agents on {@code model} go first: every worker that loaded the model consumes it, so a turn
   * reaches a worker that serves its agent's model; with none there, the component falls back to {@link #ADDRESS},
   * which every worker consumes and where the agent's fallback models decide.
   */
  public static String modelAddress(String model) {
    return ADDRESS + ".model." + model;
  }
}

package io.aiox.worker.telemetry;

import java.time.Duration;

/**
 * The events the hub counts and times. Every method has a no-op default, so {@link #NONE} is a valid facade and an
 * implementation records only what it cares about. Implementations never block and never throw.
 */
public interface Metrics {
  /** Records nothing: for code run without a hub (tests, the bench, operator commands). */
  Metrics NONE = new Metrics() { };

  /** A chat message to an agent ended; {@code took} runs from the message's arrival to the answer or error. */
  default void turnEnded(TurnOutcome outcome, Duration took) { }

  /** Tokens a turn used, as the model reported them. */
  default void tokensUsed(long prompt, long completion) { }

  /** Something was refused by policy (the sender was told why). */
  default void policyViolation(Violation violation) { }

  /** A quota refused a turn: {@code scope} and {@code limit} are the configuration names of the spent limit. */
  default void quotaRefused(String scope, String limit) { }

  /** One model of an agent's chain was asked; {@code model} is its configured name. */
  default void inference(String model, String provider, String outcome, Duration took) { }

  /** How long one named stage of handling a turn took (see the operations documentation for the names). */
  default void stage(String operation, Duration took) { }

  /** The component asked the inference side over the event bus; {@code status} is ok or why not. */
  default void workerRequest(String method, String status, Duration took) { }

  /** A tool call ended; {@code tool} is a catalogue name or {@code unknown}, {@code outcome} a closed set. */
  default void toolCall(String tool, String outcome) { }
}

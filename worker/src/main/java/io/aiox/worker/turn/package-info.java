/**
 * The contract between the component and the inference side: one turn is one event-bus request to
 * {@link Turns#ADDRESS}; the reply carries the answer, a failure carries a {@link TurnFailure} code and a text the
 * user can read.
 */
package io.aiox.worker.turn;

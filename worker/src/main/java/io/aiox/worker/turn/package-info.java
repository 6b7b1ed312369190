/**
 * The contract between the component and the inference side: one turn is one event-bus request to
 * {@link Turns#ADDRESS}; the reply carries the answer, a failure carries a {@link TurnFailure} code and a text the
 * user can read. {@link StaleTurns} settles the turns a stopped hub left recorded as running.
 */
package io.aiox.worker.turn;

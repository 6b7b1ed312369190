/**
 * The contract between the component and the inference side: one turn is one event-bus request of a
 * {@link io.aiox.worker.turn.TurnRequest} to {@link io.aiox.worker.turn.Turns#ADDRESS} (or a model's address); the
 * reply is a {@link io.aiox.worker.turn.TurnReply}, a failure carries a {@link io.aiox.worker.turn.TurnFailure} and a
 * text the user can read. Text pieces, stops, tool status, acceptance reports and approval decisions are records too
 * ({@link io.aiox.worker.turn.TurnMessage}), carried by {@link io.aiox.worker.turn.TurnCodec}: as they are on one
 * machine, in {@link io.aiox.worker.turn.TurnWire}'s binary form across machines. {@link
 * io.aiox.worker.turn.StaleTurns} settles the turns a stopped hub left recorded as running.
 */
package io.aiox.worker.turn;

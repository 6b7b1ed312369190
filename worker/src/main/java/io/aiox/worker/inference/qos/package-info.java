/**
 * Quality of service in front of each model: turns beyond the model's slots wait in a {@link
 * io.aiox.worker.inference.qos.QosQueue} and the one with the highest score S = αR + βT + γP + δC + εF runs next
 * (R the agent's recent success rate, T whether it has tools, P the owner-set priority, C the owner's turns
 * running now, F how far the owner is ahead of the least served owner waiting), ties in arrival order. Places are
 * shared fairly between owners ({@link io.aiox.worker.inference.qos.OwnerTurns}), and a turn waits only when it
 * can end within the model's timeout by the measured turn time ({@link io.aiox.worker.inference.qos.TurnTime});
 * otherwise it is refused at once with a retry hint from that time. {@link io.aiox.worker.inference.qos.QosGate}
 * puts the pure queue on Vert.x futures and cancellations.
 */
package io.aiox.worker.inference.qos;

/**
 * Quality of service in front of each model: turns beyond the model's slots wait in a {@link
 * io.aiox.worker.inference.qos.QosQueue} and the one with the highest score S = αR + βT + γP + δC runs next
 * (R the agent's recent success rate, T whether it has tools, P the owner-set priority, C the owner's turns
 * running now), ties in arrival order. A full queue refuses at once with a retry hint computed from the queue.
 * {@link io.aiox.worker.inference.qos.QosGate} puts the pure queue on Vert.x futures and cancellations.
 */
package io.aiox.worker.inference.qos;

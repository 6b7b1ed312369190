/**
 * The inference verticle and its engines: a turn from the component is given the agent's short-term context,
 * waits in the QoS queue of the agent's model when its slots are busy (package {@code qos}: highest score first,
 * places shared fairly between owners, refused with a retry hint when full or when it could not end in time),
 * runs on the agent's model chain (local llama.cpp first, remote fallbacks on retriable failures), is recorded in
 * {@code executions} and answered.
 */
package io.aiox.worker.inference;

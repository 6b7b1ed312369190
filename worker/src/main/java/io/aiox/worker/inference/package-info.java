/**
 * The inference verticle and its engines: a turn from the component is admitted (bounded), given the agent's
 * short-term context, run on the agent's model chain (local llama.cpp first, remote fallbacks on retriable
 * failures), recorded in {@code executions} and answered.
 */
package io.aiox.worker.inference;

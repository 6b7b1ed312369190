/** Short-term context: the last turns of each (agent, peer) conversation, kept in Redis. */
package io.aiox.worker.context;

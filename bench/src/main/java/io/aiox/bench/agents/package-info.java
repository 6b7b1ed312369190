/**
 * Agents at scale: the per-stanza agent lookup and the hub's heap with 10,000 to 1,000,000 agent rows, to show
 * that neither grows with the number of agents.
 */
package io.aiox.bench.agents;

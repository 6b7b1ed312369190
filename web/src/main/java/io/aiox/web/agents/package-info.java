/**
 * The console's agents group (docs/console.md, "Agents, models and tools"): an owner creates, lists, reads, changes
 * and deletes their agents, and sets their tools, under the same rules as the ad-hoc commands and the CLI, which the
 * hub supplies through {@link io.aiox.web.agents.ConsoleAgents}. Another owner's agent is answered as if it did not
 * exist, and the attempt joins that owner's audit chain.
 */
package io.aiox.web.agents;

/**
 * What an owner may do with their agents, whatever the door: the operator's {@code ./aiox agent} and the agents
 * service's ad-hoc commands (rfc section 8.1) go through {@link io.aiox.component.agents.OwnerAgents}, so both
 * apply the same checks (known model, name, visibility, memory settings, tool policies, sealed system prompt).
 */
package io.aiox.component.agents;

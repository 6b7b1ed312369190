/**
 * Agent-to-agent consultation: an agent whose governance lists agents to consult asks them before it answers and
 * uses their answers. Each question carries a hop count and the person who started the chain; at the hop limit
 * no further agent is asked, so two agents set to consult each other stop (rfc/aiox-agents.md, "Agent to agent").
 */
package io.aiox.worker.a2a;

/**
 * The tools an owner enabled on an agent ({@code agent_tools}): one row per (agent, tool) with the policy
 * overrides the owner chose. The policy rules themselves live in {@code policy}; this package only stores them.
 */
package io.aiox.schema.tool;

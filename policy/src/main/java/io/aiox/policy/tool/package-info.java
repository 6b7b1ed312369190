/**
 * Tool policies (rfc/aiox-agents.md section 9, docs/operations.md "Tools and policies"): the catalog of tool
 * definitions with their default policies, an agent's overrides merged over them, and the gate every call passes:
 * arguments against the tool's input schema, read-only, sandbox, the network rule, a per-agent per-tool rate
 * limit in Redis, and whether the owner must approve. The gate decides; it never runs a tool.
 */
package io.aiox.policy.tool;

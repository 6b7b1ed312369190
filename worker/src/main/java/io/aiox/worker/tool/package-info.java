/**
 * Tool execution (rfc/aiox-agents.md section 9): the registry of tools this build can run, the {@code http_request}
 * tool, and {@link io.aiox.worker.tool.ToolCalls}, the one entry point for a call: policy gate, the owner's approval
 * over XMPP when the policy asks for it, execution, and an audit entry for every decision on the way.
 */
package io.aiox.worker.tool;

/**
 * The approvals inbox (rfc/aiox-agents.md section 9.4, docs/console.md): the caller's tool calls waiting for their
 * decision, and the decision itself, under the same rules as the XMPP approval form. Implemented by the component
 * ({@code io.aiox.component.console.ConsoleApprovals}).
 */
package io.aiox.web.approvals;

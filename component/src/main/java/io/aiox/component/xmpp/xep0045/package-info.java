/**
 * Group chats: XEP-0045 Multi-User Chat rooms an agent is invited into (mediated invitations, and XEP-0249 direct
 * ones), XEP-0372 mentions, and who in a room may use the agent (rfc/aiox-agents.md section 12).
 */
package io.aiox.component.xmpp.xep0045;

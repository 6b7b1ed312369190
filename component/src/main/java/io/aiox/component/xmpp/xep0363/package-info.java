/**
 * Files sent to an agent (rfc/aiox-agents.md section 6.3): a link to a file uploaded with XEP-0363 HTTP File Upload,
 * marked with XEP-0066 out-of-band data or sent as a body that is just such a link on the hub's own upload service,
 * is taken into the agent's long-term memory as a document instead of being a chat turn.
 */
package io.aiox.component.xmpp.xep0363;

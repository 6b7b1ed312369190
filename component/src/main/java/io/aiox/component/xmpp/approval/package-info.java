/**
 * Tool-call approval over XMPP (rfc/aiox-agents.md section 9.4): the owner receives a {@code <message/>} from the
 * agent carrying a XEP-0004 data form ({@code FORM_TYPE} {@code urn:aiox:tool-approval:0}) and answers with the
 * submitted form. Only the owner decides; a decision is applied once, by whichever component
 * instance receives it, through the pending entry in Redis.
 */
package io.aiox.component.xmpp.approval;

/**
 * XEP-0050 Ad-Hoc Commands with XEP-0004 forms: on an agent, for its owner (reset the conversation, show quota,
 * show or switch model, memory; rfc section 8); on the agents service itself, for any hub user (create, list,
 * configure and delete their own agents; rfc section 8.1).
 */
package io.aiox.component.xmpp.xep0050;

/**
 * The stanza path (ARCHITECTURE "A stanza's path", steps 3-4): resolve the addressed agent, check ownership and
 * visibility, then dispatch by stanza kind and, for IQs, by the child's namespace. Every refusal is an error
 * stanza with a text (rfc/ section "Errors"); nothing is dropped silently.
 */
package io.aiox.component.xmpp.routing;

/**
 * XEP-0308 Last Message Correction, the sending side: the {@code <replace/>} element of a corrected answer, and
 * whether a client takes corrections, read from its XEP-0030 disco#info ({@code urn:xmpp:message-correct:0}).
 */
package io.aiox.component.xmpp.xep0308;

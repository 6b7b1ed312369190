/**
 * Chat with an agent: XEP-0085 chat states ({@code composing} at once, {@code active} with the answer), XEP-0184
 * receipts, XEP-0359 ids, the hand-off of the turn to the inference address with an idempotent request id, and
 * answers shown as they are written with XEP-0308 corrections to clients that take them (rfc section 6.2).
 */
package io.aiox.component.xmpp.chat;

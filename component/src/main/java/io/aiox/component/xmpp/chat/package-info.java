/**
 * Chat with an agent: XEP-0085 chat states ({@code composing} at once, {@code active} with the answer), XEP-0184
 * receipts, XEP-0359 ids, and the hand-off of the turn to the inference address with an idempotent request id.
 */
package io.aiox.component.xmpp.chat;

/**
 * XEP-0153 vCard-based avatars: each agent's picture (the owner's, or an identicon drawn from the agent's id), the
 * PHOTO of its XEP-0054 vCard, and the SHA-1 of that picture in its presence so clients know when to fetch it.
 */
package io.aiox.component.xmpp.xep0153;

/** XEP-0054 vcard-temp: an agent's name, description and avatar, read-only over XMPP. */
package io.aiox.component.xmpp.xep0054;

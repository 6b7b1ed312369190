/** XEP-0199 XMPP Ping: agents and the service answer pings. */
package io.aiox.component.xmpp.xep0199;

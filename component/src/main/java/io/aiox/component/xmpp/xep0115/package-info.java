/** XEP-0115 Entity Capabilities: the verification string an agent's presence carries. */
package io.aiox.component.xmpp.xep0115;

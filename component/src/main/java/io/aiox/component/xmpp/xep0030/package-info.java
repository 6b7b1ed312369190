/**
 * XEP-0030 Service Discovery, with the agent's capability descriptor as a XEP-0128 extended form
 * (rfc/ section "Capability descriptor"). disco#items on the service lists the asker's own agents only.
 */
package io.aiox.component.xmpp.xep0030;

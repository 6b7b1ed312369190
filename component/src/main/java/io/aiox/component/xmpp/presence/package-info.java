/**
 * Agents' presence (RFC 6121): subscriptions from senders the access rule admits are approved and remembered,
 * probes and directed presence are answered, and the component tells subscribers when it comes and goes.
 */
package io.aiox.component.xmpp.presence;

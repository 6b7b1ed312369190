/**
 * Delivery between hub instances of one agents domain: ejabberd hands each stanza to any connected instance, so
 * the few messages that must reach the instance that waits for them travel through Redis pub/sub.
 */
package io.aiox.component.xmpp.relay;

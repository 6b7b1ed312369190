/**
 * The XEP-0114 external component that makes every stored agent an XMPP entity, and the hub's entry point.
 * Sub-packages: {@code hub} (main, configuration, start-up), {@code cli} (operator commands), {@code xmpp}
 * (the stream and the XEPs, one package each).
 */
package io.aiox.component;

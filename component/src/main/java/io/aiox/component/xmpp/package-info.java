/** The hub's side of its XMPP server: the XEP-0114 component stream, and the server's admin API for accounts. */
package io.aiox.component.xmpp;

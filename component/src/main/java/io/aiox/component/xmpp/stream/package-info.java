/**
 * The XEP-0114 component stream: connection, handshake, and non-blocking parsing of the inbound stream into
 * stanzas (aalto's async parser; DTDs and entity declarations refused; stanza size and nesting bounded, RFC 6120
 * section 4.9 stream errors on violation).
 */
package io.aiox.component.xmpp.stream;

/** Tests of a hub behind an ejabberd cluster: real server processes, a node killed under load. */
package io.aiox.component.xmpp.cluster;

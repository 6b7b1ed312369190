/** Hub users: the owners of agents, with their XMPP account and the JIDs they linked. */
package io.aiox.schema.user;

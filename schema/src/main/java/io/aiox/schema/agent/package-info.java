/** Agents: the XMPP entities users create, with profile, model configuration, governance and visibility. */
package io.aiox.schema.agent;

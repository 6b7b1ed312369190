/**
 * The hub's side of the console (docs/console.md): the web module's interfaces implemented where the XMPP stream and
 * the inference verticle live, over the same rules the ad-hoc commands and the CLI use
 * ({@link io.aiox.component.agents.OwnerAgents}, {@link io.aiox.component.users.UserAccounts}), with their refusals
 * turned into problem documents; the models' queues and health for the usage view and the XMPP notices owners get;
 * turns for the OpenAI-compatible endpoint, entered into the component's stanza path as a message from the caller's
 * own JID with a resource of its own ({@code aiox-console-<uuid>}), whose replies come back to the request instead
 * of going to the XMPP server; and the owner's decisions on waiting tool calls (rfc/aiox-agents.md section 9.4).
 */
package io.aiox.component.console;

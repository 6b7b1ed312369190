/**
 * The hub's side of the console (docs/console.md): the web module's interfaces implemented where the XMPP stream and
 * the inference verticle live, over the same rules the ad-hoc commands and the CLI use
 * ({@link io.aiox.component.agents.OwnerAgents}, {@link io.aiox.component.users.UserAccounts}), with their refusals
 * turned into problem documents; also the models' queues and health for the usage view and the XMPP notices owners
 * get.
 */
package io.aiox.component.console;

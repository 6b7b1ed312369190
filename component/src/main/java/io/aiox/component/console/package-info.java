/**
 * The hub's side of the console (docs/console.md): the web module's interfaces implemented over the same rules the
 * ad-hoc commands and the CLI use ({@link io.aiox.component.agents.OwnerAgents},
 * {@link io.aiox.component.users.UserAccounts}), with their refusals turned into problem documents.
 */
package io.aiox.component.console;

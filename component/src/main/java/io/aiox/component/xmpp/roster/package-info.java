/**
 * Agents in their users' rosters (RFC 6121 section 2): when an agent is created, changed or deleted, the hub users
 * who may use it get (or lose) a roster item for it through ejabberd's roster commands, and its presence.
 * docs/operations.md "Agents in rosters" says why the admin API and not XEP-0356.
 */
package io.aiox.component.xmpp.roster;

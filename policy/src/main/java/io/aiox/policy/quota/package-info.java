/**
 * Quotas, checked inline on every turn and enforced atomically in Redis: per owner ("user"), per agent and per
 * remote domain (federated senders), each with tokens per minute, tokens per day, messages per minute and
 * concurrent turns. One Lua script checks every window and reserves the turn's maximum in one step; the
 * reservation is settled with the real token count when the turn ends, and daily totals are kept in PostgreSQL.
 * Limits resolve as agent governance, then the owner's quota configuration, then the hub's defaults.
 *
 * <p>Per-minute windows slide over 61 one-second buckets: exact to the second, constant work per check, and never
 * the double allowance a fixed minute window gives across a minute boundary. Days are fixed UTC days, matching the
 * daily totals in the database. Anything that cannot be checked fails closed: no turn runs.
 */
package io.aiox.policy.quota;

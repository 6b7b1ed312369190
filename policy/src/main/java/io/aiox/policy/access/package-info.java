/**
 * Who may talk to an agent (rfc/ sections "Ownership and visibility" and "Federation"): a private agent only its
 * owner (and the JIDs the owner linked, on this hub or a federated one), a shared agent also the JIDs and domains
 * its governance lists, a public agent anyone, optionally only from the remote servers it lists. Deny lists per
 * agent and hub-wide ({@link io.aiox.policy.access.FederationConfig}) refuse senders of other servers before
 * visibility is considered.
 */
package io.aiox.policy.access;

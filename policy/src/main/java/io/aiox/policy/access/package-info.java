/**
 * Who may talk to an agent (rfc/ section "Ownership and visibility"): a private agent only its owner (and the JIDs
 * the owner linked), a shared agent also the JIDs and domains its governance lists, a public agent anyone.
 */
package io.aiox.policy.access;

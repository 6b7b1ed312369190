/**
 * Governance, decided for every turn and tool call: ownership and visibility, quotas (atomic Redis token buckets
 * that fail closed), tool policies, the QoS score, and the hash-chained audit log. Depends on {@code schema} only.
 */
package io.aiox.policy;

/**
 * Storage for encryption at rest: the owners' wrapped data keys ({@code tenant_keys}), owner-level secrets
 * ({@code owner_secrets}) and the sealed values a rotation re-encrypts. Only ciphertext and key versions pass
 * through here; sealing and opening are the policy module's ({@code io.aiox.policy.crypto}).
 */
package io.aiox.schema.key;

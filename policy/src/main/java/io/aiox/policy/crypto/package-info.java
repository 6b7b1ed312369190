/**
 * Encryption at rest for system prompts, provider API keys and tool secrets (ARCHITECTURE "Security model").
 *
 * <p>Envelope encryption: each owner (tenant) has data keys, AES-256, generated on first use and stored in
 * {@code tenant_keys} wrapped (AES-256-GCM) by the operator's master key, which never reaches the database.
 * Values are sealed with the owner's current data key by AES-256-GCM from Bouncy Castle with a random 96-bit
 * nonce; the associated data binds each ciphertext to where it belongs (the agent id for a system prompt, the
 * owner id and name for an owner secret), so a ciphertext copied to another row does not open.
 *
 * <p>Rotation without downtime: a new data key version seals from then on while every older version still opens
 * ({@link io.aiox.policy.crypto.KeyRotation#rotateDataKeys}); a new master key re-wraps the data keys
 * ({@link io.aiox.policy.crypto.KeyRotation#rewrapDataKeys}) while the old master key still unwraps.
 * {@link io.aiox.policy.crypto.Vault} is the entry point.
 */
package io.aiox.policy.crypto;

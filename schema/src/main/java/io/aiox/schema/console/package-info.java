/**
 * What the console's sign-in keeps: the hub's token signing keys, refresh token families and per-user API keys.
 * Tokens and keys are stored as hashes; a private signing key is stored sealed when the hub has a master key.
 */
package io.aiox.schema.console;

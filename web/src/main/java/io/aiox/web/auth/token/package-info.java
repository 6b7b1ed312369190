/**
 * The console's tokens: ES256 access tokens signed with hub keys kept in PostgreSQL (rotated, published as JWKS),
 * and the opaque secrets (refresh tokens, API keys) stored only as hashes.
 */
package io.aiox.web.auth.token;

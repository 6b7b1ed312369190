/**
 * Queries for the operator, across owners. They run only on a pool logged in as the admin role (which row-level
 * security does not bind); the hub role has no such pool, so the hub cannot use them on a stanza's path.
 */
package io.aiox.schema.admin;

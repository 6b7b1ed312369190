/**
 * Start-up of the database: the bootstrap (hub role without BYPASSRLS, database, pgvector) and the versioned
 * migrations in {@code db/migration}, applied with Flyway. Failures name the server or the migration that failed.
 */
package io.aiox.schema.migration;

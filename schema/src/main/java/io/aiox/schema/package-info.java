/**
 * The data model and the only code that writes SQL. Migrations (Flyway, {@code db/migration}) build the tables of
 * the AIOX design; repositories in the sub-packages read and write them through the Vert.x PostgreSQL client, each
 * owner-scoped call inside a transaction that sets the owner row-level security checks ({@link OwnerScope}).
 */
package io.aiox.schema;

/**
 * {@code database_query} (rfc/aiox-agents.md section 9): read-only SQL on a PostgreSQL database the owner
 * registered as the secret {@code db:<name>}, held to the agent's {@code allowed_tables}. The SQL itself runs in
 * the schema module ({@link io.aiox.schema.external.ReadOnlyQuery}); this package finds the connection, applies
 * the network rule to its host and maps the outcome.
 */
package io.aiox.worker.tool.database;

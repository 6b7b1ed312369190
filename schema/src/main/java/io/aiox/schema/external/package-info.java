/**
 * Read-only queries on databases the owner registered (not the hub's own): {@code database_query}'s SQL lives here,
 * because this module is the only one that writes SQL. A query runs in a {@code READ ONLY} transaction under a
 * {@code statement_timeout}, as one prepared statement (PostgreSQL refuses a second one), only after PostgreSQL's
 * own plan of it ({@code EXPLAIN}) showed that it reads nothing but allowed tables and modifies nothing.
 */
package io.aiox.schema.external;

/** The append-only, hash-chained audit log: one chain per owner, computed by the database. */
package io.aiox.schema.audit;

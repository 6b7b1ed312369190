/**
 * The append-only, hash-chained audit log: one chain per owner, computed by the database; and its verifier, which
 * recomputes each chain with the same SQL definition and names the first entry that does not hold.
 */
package io.aiox.schema.audit;

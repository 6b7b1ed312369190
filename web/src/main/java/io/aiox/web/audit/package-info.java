/**
 * The console's audit group (docs/console.md, "Audit"): an owner's hash-chained audit entries, newest first, and the
 * verification of the chain (rfc section 9.5), in the owner's row-level security scope.
 */
package io.aiox.web.audit;

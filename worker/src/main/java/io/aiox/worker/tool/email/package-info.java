/**
 * {@code email_sender} (rfc/aiox-agents.md section 9): plain-text mail through the operator's SMTP submission server
 * (RFC 6409) with STARTTLS (RFC 3207) required unless the operator opts out, recipients held to the agent's
 * allowed domains, each mail approved by the owner under the catalog's default policy.
 */
package io.aiox.worker.tool.email;

/**
 * The {@code document_parser} tool (rfc/aiox-agents.md section 9.6): fetches a document the owner gave the agent by
 * URL (a web address under the agent's network rule, or a file the owner sent through the hub's XEP-0363 HTTP File
 * Upload service, which the operator names as trusted) and returns its text, read by
 * {@link io.aiox.worker.document.DocumentReader} within byte, character, page and time limits.
 */
package io.aiox.worker.tool.document;

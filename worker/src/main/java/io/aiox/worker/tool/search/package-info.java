/**
 * The {@code search_api} tool (rfc/aiox-agents.md section 9.7): web search through the search endpoint the operator
 * configured (a SearXNG-compatible JSON API, {@code GET {url}/search?q=...&format=json}), with bounded results as
 * {@code {title, url, snippet}}. The endpoint is the operator's infrastructure: it is reached under the operator's
 * rule ({@link io.aiox.policy.tool.net.OperatorEndpoint}), not the owner's allowed domains.
 */
package io.aiox.worker.tool.search;

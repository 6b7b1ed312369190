/**
 * Tools from MCP servers (rfc/aiox-agents.md section 9.11, "MCP tools"; the Model Context Protocol, its stdio and
 * Streamable HTTP transports) through LangChain4j's MCP client. The operator names the servers in the hub's file
 * ({@code tools.mcp.servers.<name>}); each server's tools become tools named {@code mcp_<server>_<tool>}, enabled per
 * agent and run through {@link io.aiox.worker.tool.ToolCalls} like the catalog's. The client blocks, so every call to
 * it runs on a worker pool, never on an event loop.
 */
package io.aiox.worker.tool.mcp;

/**
 * MCP servers for tests: the reference server {@code @modelcontextprotocol/server-everything} from npm, installed once
 * per machine, run over stdio (by the hub, from its command) or over Streamable HTTP on loopback.
 */
package io.aiox.testkit.mcp;

package io.aiox.worker.tool.mcp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an MCP server's tool is named to agents and models: {@code mcp_<server>_<tool>}. Providers take function names
 * matching {@code ^[a-zA-Z0-9_-]{1,64}$}, so a character of the server's tool name outside that set becomes
 * {@code _}, and a tool whose name would be longer than 64 characters is left out. Server names are lower-case
 * letters and digits only, so the first {@code _} after {@code mcp_} always ends the server's name.
 */
public final class McpToolName {
  public static final String PREFIX = "mcp_";
  public static final int MAX_LENGTH = 64;
  static final Pattern SERVER = Pattern.compile("[a-z0-9]{1,20}");
  private static final Pattern UNSAFE = Pattern.compile("[^a-zA-Z0-9_-]");

  private McpToolName() {}

  /** The name agents use for {@code tool} of {@code server}; empty when it would be too long. */
  public static Optional<String> of(String server, String tool) {
    String name = PREFIX + server + "_" + UNSAFE.matcher(tool).replaceAll("_");
    return tool.isEmpty() || name.length() > MAX_LENGTH ? Optional.empty() : Optional.of(name);
  }

  /** The server a name belongs to, when it is shaped like an MCP tool's name. */
  public static Optional<String> server(String name) {
    if (!name.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = name.indexOf('_', PREFIX.length());
    String server = end < 0 ? "" : name.substring(PREFIX.length(), end);
    return end < name.length() - 1 && SERVER.matcher(server).matches() ? Optional.of(server) : Optional.empty();
  }

  /** Whether {@code name} is a valid server name. */
  public static boolean validServer(String name) {
    return SERVER.matcher(name).matches();
  }
}

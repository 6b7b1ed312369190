package io.aiox.worker.tool.mcp;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MCP servers the operator registered (the {@code tools.mcp} section of the hub's configuration).
 *
 * @param servers by name, in the order the file lists them
 * @param retry how often a server that is down is tried again (and a connected one checked)
 */
public record McpConfig(Map<String, McpServerConfig> servers, Duration retry) {
  public static final int DEFAULT_RETRY_SECONDS = 30;
  public static final McpConfig NONE = new McpConfig(Map.of(), Duration.ofSeconds(DEFAULT_RETRY_SECONDS));
  private static final Set<String> KEYS = Set.of("servers", "retry_seconds");

  public McpConfig {
    servers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servers));
  }

  /** Reads the section; a server's name must be lower-case letters and digits ({@link McpToolName}). */
  public static McpConfig fromJson(JsonObject json) {
    ConfigSection section = ConfigSection.of("tools.mcp", json, KEYS);
    Object listed = json.getValue("servers");
    if (listed != null && !(listed instanceof JsonObject)) {
      throw section.bad("servers", "must be an object of server names to server settings, was " + listed);
    }
    Map<String, McpServerConfig> servers = new LinkedHashMap<>();
    JsonObject all = listed == null ? new JsonObject() : (JsonObject) listed;
    for (String name : all.fieldNames()) {
      if (!McpToolName.validServer(name)) {
        throw section.bad("servers." + name, "is not a valid server name: 1 to 20 lower-case letters and digits"
            + " (it becomes part of the tools' names, mcp_<server>_<tool>)");
      }
      if (!(all.getValue(name) instanceof JsonObject server)) {
        throw section.bad("servers." + name, "must be an object");
      }
      servers.put(name, McpServerConfig.fromJson(name, server));
    }
    return new McpConfig(servers, Duration.ofSeconds(section.integer("retry_seconds", DEFAULT_RETRY_SECONDS, 1,
        3_600)));
  }

  public Optional<McpServerConfig> server(String name) {
    return Optional.ofNullable(servers.get(name));
  }
}

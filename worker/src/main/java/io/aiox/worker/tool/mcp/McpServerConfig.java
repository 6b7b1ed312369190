package io.aiox.worker.tool.mcp;

import io.aiox.policy.tool.ToolPolicy;
import io.aiox.policy.tool.net.AddressRange;
import io.aiox.policy.tool.net.OperatorEndpoint;
import io.aiox.policy.tool.net.UrlAuthority;
import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One MCP server the operator runs or reaches ({@code tools.mcp.servers.<name>}). A stdio server is a command the
 * hub starts (as its own user, with its environment and {@code env} on top); an http server is a Streamable HTTP
 * endpoint, operator infrastructure reached under {@link OperatorEndpoint}'s rule. Owners cannot add servers: a
 * command is the operator's to choose.
 *
 * @param name the server's name in its tools' names ({@link McpToolName})
 * @param command the stdio server's command and arguments; empty for http
 * @param env variables added to the stdio server's environment
 * @param url the http server's MCP endpoint; empty for stdio
 * @param allowedAddresses addresses beyond the in-house ranges the http server may be at
 * @param requiresApproval the default of {@code requires_approval} for this server's tools (an agent's policy may
 *     change it)
 * @param timeout the longest one call may take (the default of the tools' {@code timeout_seconds})
 * @param connectTimeout the longest starting and initializing the connection may take
 */
public record McpServerConfig(String name, Transport transport, List<String> command, Map<String, String> env,
                              Optional<URI> url, List<AddressRange> allowedAddresses, boolean requiresApproval,
                              Duration timeout, Duration connectTimeout) {
  /** How the hub talks to the server. */
  public enum Transport { STDIO, HTTP }

  public static final int DEFAULT_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 30;
  private static final Set<String> KEYS = Set.of("transport", "command", "env", "url", "allowed_addresses",
      "requires_approval", "timeout_seconds", "connect_timeout_seconds");

  public McpServerConfig {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    allowedAddresses = List.copyOf(allowedAddresses);
  }

  /** Reads {@code tools.mcp.servers.<name>}; unknown keys and bad values are refused by their full name. */
  public static McpServerConfig fromJson(String name, JsonObject json) {
    ConfigSection section = ConfigSection.of("tools.mcp.servers." + name, json, KEYS);
    Transport transport = transport(section);
    List<String> command = section.strings("command");
    Optional<URI> url = section.string("url").map(u -> url(section, u));
    if (transport == Transport.STDIO) {
      requireAbsent(section, "url", "allowed_addresses");
      if (command.isEmpty()) {
        throw section.bad("command", "is required for a stdio server: the program and its arguments");
      }
    } else {
      requireAbsent(section, "command", "env");
      if (url.isEmpty()) {
        throw section.bad("url", "is required for an http server: its Streamable HTTP endpoint");
      }
    }
    List<AddressRange> addresses;
    try {
      addresses = section.strings("allowed_addresses").stream().map(AddressRange::parse).toList();
    } catch (IllegalArgumentException e) {
      throw section.bad("allowed_addresses", e.getMessage());
    }
    return new McpServerConfig(name, transport, command, env(section, json), url, addresses,
        section.bool("requires_approval", true),
        Duration.ofSeconds(section.integer("timeout_seconds", DEFAULT_TIMEOUT_SECONDS, 1,
            ToolPolicy.MAX_TIMEOUT_SECONDS)),
        Duration.ofSeconds(section.integer("connect_timeout_seconds", DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, 300)));
  }

  /** The policy an agent's tools of this server get when the owner overrides nothing. */
  public ToolPolicy defaults() {
    return ToolPolicy.BASE.withOverrides(new JsonObject().put("requires_approval", requiresApproval)
        .put("timeout_seconds", timeout.toSeconds()));
  }

  /** The http server's network rule: its own host, the in-house ranges and what the operator listed. */
  OperatorEndpoint endpoint() {
    return new OperatorEndpoint(UrlAuthority.of(url.orElseThrow()).host(), allowedAddresses);
  }

  /** Where the server is, for messages: its command's program or its URL. */
  String where() {
    return transport == Transport.STDIO ? "command " + command.get(0) : "url " + url.orElseThrow();
  }

  private static Transport transport(ConfigSection section) {
    String t = section.string("transport").orElseThrow(() -> section.bad("transport", "is required: stdio or http"));
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "stdio" -> Transport.STDIO;
      case "http" -> Transport.HTTP;
      default -> throw section.bad("transport", "must be stdio or http, was " + t);
    };
  }

  private static void requireAbsent(ConfigSection section, String... keys) {
    for (String key : keys) {
      if (section.has(key)) {
        throw section.bad(key, "does not apply to this transport");
      }
    }
  }

  private static Map<String, String> env(ConfigSection section, JsonObject json) {
    Object v = json.getValue("env");
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof JsonObject vars)) {
      throw section.bad("env", "must be an object of names to string values, was " + v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : vars.fieldNames()) {
      if (!(vars.getValue(key) instanceof String s)) {
        throw section.bad("env", "must map names to strings; " + key + " is " + vars.getValue(key));
      }
      out.put(key, s);
    }
    return out;
  }

  private static URI url(ConfigSection section, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw section.bad("url", "must be an http or https URL, was " + text);
      }
      UrlAuthority.of(uri);
      return uri;
    } catch (URISyntaxException e) {
      throw section.bad("url", "is not a valid URL: " + e.getReason());
    } catch (IllegalArgumentException e) {
      throw e.getMessage() != null && e.getMessage().startsWith("tools.") ? e
          : section.bad("url", e.getMessage() + ", was " + text);
    }
  }
}

package io.aiox.component.agents;

import io.aiox.component.agents.AgentRefused.Kind;
import io.aiox.policy.access.AccessRule;
import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.policy.tool.PolicyInvalid;
import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.worker.inference.qos.TurnTraits;
import io.aiox.worker.memory.MemorySettings;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.tool.mcp.McpConfig;
import io.aiox.worker.tool.mcp.McpServerConfig;
import io.aiox.worker.tool.mcp.McpToolName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Each value an owner may give an agent, checked the way the turn that reads it would check it, so a bad value is
 * refused when it is set ({@link AgentRefused}), not at the agent's next message. One set of rules for every door.
 */
public final class AgentRules {
  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 1_000;
  public static final int MAX_SYSTEM_PROMPT = 32_000;
  /** The governance lists {@link AccessRule} reads; anything but a list of strings there would lock out all. */
  private static final List<String> ACCESS_LISTS = List.of(AccessRule.ALLOWED_JIDS, AccessRule.ALLOWED_DOMAINS,
      AccessRule.DENIED_JIDS, AccessRule.DENIED_DOMAINS, AccessRule.ALLOWED_REMOTE_DOMAINS);

  private final ModelRegistry models;
  private final McpConfig mcp;

  public AgentRules(ModelRegistry models, McpConfig mcp) {
    this.models = models;
    this.mcp = mcp;
  }

  public ModelRegistry models() {
    return models;
  }

  /** The operator's MCP servers, whose tools ({@code mcp_<server>_<tool>}) an owner may enable. */
  public McpConfig mcp() {
    return mcp;
  }

  /** An unknown model is refused now, not at the agent's first message. "" (the default) passes. */
  public void checkModel(String model) {
    if (!model.isEmpty() && !models.names().contains(model)) {
      throw new AgentRefused(Kind.UNKNOWN_MODEL, "unknown model " + model + "; this hub offers "
          + (models.names().isEmpty() ? "no models (configure inference.models)" : String.join(", ", models.names())));
    }
  }

  /** The memory settings merged with the patch (nulls removing keys), checked. */
  public JsonObject memory(JsonObject current, JsonObject patch) {
    JsonObject merged = merged(current, patch);
    try {
      MemorySettings.of(merged);
    } catch (IllegalArgumentException e) {
      throw new AgentRefused(Kind.INVALID, e.getMessage());
    }
    return merged;
  }

  /** The governance merged with the patch (nulls removing keys), checked: quotas, priority, access lists. */
  public JsonObject governance(JsonObject current, JsonObject patch) {
    JsonObject merged = merged(current, patch);
    try {
      QuotaDefaults.DEFAULTS.resolve(new JsonObject(), merged);
      TurnTraits.priorityOf(merged);
    } catch (IllegalArgumentException e) {
      throw new AgentRefused(Kind.INVALID, e.getMessage());
    }
    for (String key : ACCESS_LISTS) {
      Object v = merged.getValue(key);
      if (v != null && (!(v instanceof JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String)))) {
        throw new AgentRefused(Kind.INVALID, "governance." + key + " must be a list of JIDs or domains, was " + v);
      }
    }
    return merged;
  }

  /** A catalog tool, or {@link Kind#INVALID} naming the known ones. */
  public static ToolDefinition catalogTool(String name) {
    return ToolCatalog.find(name).orElseThrow(() -> new AgentRefused(Kind.INVALID, "unknown tool " + name
        + " (known: " + ToolCatalog.all().stream().map(ToolDefinition::name).sorted().toList() + ")"));
  }

  /**
   * The default policy of a catalog tool, or of a tool of an MCP server the operator configured
   * ({@code mcp_<server>_<tool>}); whether that server has the tool is known once the hub has connected to it.
   */
  public ToolPolicy toolDefaults(String name) {
    return ToolCatalog.find(name).map(ToolDefinition::defaults)
        .or(() -> McpToolName.server(name).flatMap(mcp::server).map(McpServerConfig::defaults))
        .orElseThrow(() -> new AgentRefused(Kind.INVALID, "unknown tool " + name + " (known: " + ToolCatalog.all()
            .stream().map(ToolDefinition::name).sorted().toList() + ", or mcp_<server>_<tool> for the MCP servers in"
            + " tools.mcp.servers: " + mcp.servers().keySet() + ")"));
  }

  /** The tool's default policy with the owner's overrides, checked; {@link Kind#INVALID} with the policy's text. */
  public ToolPolicy toolPolicy(String name, JsonObject overrides) {
    try {
      return toolDefaults(name).withOverrides(overrides);
    } catch (PolicyInvalid e) {
      throw new AgentRefused(Kind.INVALID, e.getMessage());
    }
  }

  public static String name(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
      throw new AgentRefused(Kind.INVALID, "an agent's name must be 1 to " + MAX_NAME
          + " characters on one line, was " + (n.isEmpty() ? "empty" : "\"" + cut(n) + "\""));
    }
    return n;
  }

  public static String description(String description) {
    if (description.length() > MAX_DESCRIPTION) {
      throw new AgentRefused(Kind.INVALID, "a description may have at most " + MAX_DESCRIPTION + " characters, had "
          + description.length());
    }
    return description.strip();
  }

  public static void systemPrompt(String prompt) {
    if (prompt.length() > MAX_SYSTEM_PROMPT) {
      throw new AgentRefused(Kind.INVALID, "a system prompt may have at most " + MAX_SYSTEM_PROMPT
          + " characters, had " + prompt.length());
    }
  }

  private static JsonObject merged(JsonObject current, JsonObject patch) {
    JsonObject merged = current.copy().mergeIn(patch);
    merged.fieldNames().removeIf(k -> merged.getValue(k) == null);
    return merged;
  }

  private static String cut(String text) {
    return text.length() <= 40 ? text : text.substring(0, 39) + "…";
  }
}

package io.aiox.web.agents;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The parts of an agent the console shows beside its row.
 *
 * @param ownerName the owner's username
 * @param systemPrompt the opened system prompt ("" for none, or when this hub has no master key to open it)
 * @param tools the enabled tools, in name order, each with the owner's overrides of its default policy
 */
public record AgentDetails(String ownerName, String systemPrompt, Map<String, JsonObject> tools) {
  public AgentDetails {
    tools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tools));
  }
}

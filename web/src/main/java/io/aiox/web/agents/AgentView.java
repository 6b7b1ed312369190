package io.aiox.web.agents;

import io.aiox.schema.agent.Agent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An agent as the console's API shows it (the {@code Agent} schema of openapi/agents.json). */
final class AgentView {
  private AgentView() {}

  static JsonObject of(Agent a, AgentDetails d) {
    JsonArray tools = new JsonArray();
    d.tools().forEach((name, policy) -> tools.add(new JsonObject().put("name", name).put("enabled", true)
        .put("policy", policy)));
    return new JsonObject().put("id", a.id().toString()).put("jid", a.jid().toString()).put("name", a.name())
        .put("description", a.description())
        .put("owner", new JsonObject().put("id", a.owner().toString()).put("username", d.ownerName()))
        .put("system_prompt", d.systemPrompt()).put("model", a.llmConfig().getString("model", ""))
        .put("fallbacks", a.llmConfig().getJsonArray("fallbacks", new JsonArray()))
        .put("visibility", a.visibility().sql()).put("shared_with", new JsonArray(AgentInput.sharedWith(a.governance())))
        .put("memory", a.memoryConfig()).put("tools", tools).put("governance", a.governance())
        .put("deleted", a.deleted()).put("created_at", a.createdAt().toString())
        .put("updated_at", a.updatedAt().toString());
  }

  /** A row of a list: the agent without what would cost a read per agent (system prompt, tools). */
  static JsonObject summary(Agent a, String ownerName) {
    JsonObject json = of(a, new AgentDetails(ownerName, "", java.util.Map.of()));
    json.remove("system_prompt");
    json.remove("tools");
    return json;
  }
}

package io.aiox.component.agents;

import io.aiox.schema.agent.Visibility;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * What a creator chooses for a new agent.
 *
 * @param description "" for none
 * @param systemPrompt "" for none; sealed with the hub's master key when given
 * @param model "" for the hub's default model
 * @param fallbacks models to try in order when {@code model} fails
 * @param memory the agent's {@code memory_config} (empty: the defaults, long-term memory off)
 * @param governance the agent's {@code governance}: quotas, priority, who it is shared with (empty: none)
 * @param tools catalog tools to enable with their default policy
 */
public record AgentDraft(String name, String description, String systemPrompt, String model, List<String> fallbacks,
                         Visibility visibility, JsonObject memory, JsonObject governance, Set<String> tools) {
  public AgentDraft {
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    description = description == null ? "" : description;
    systemPrompt = systemPrompt == null ? "" : systemPrompt;
    model = model == null ? "" : model;
    visibility = visibility == null ? Visibility.PRIVATE : visibility;
    memory = memory == null ? new JsonObject() : memory.copy();
    governance = governance == null ? new JsonObject() : governance.copy();
    tools = tools == null ? Set.of() : Set.copyOf(tools);
  }

  /** The choices the ad-hoc form and the CLI offer: long-term memory on or off, no governance, no tools. */
  public AgentDraft(String name, String description, String systemPrompt, String model, List<String> fallbacks,
                    Visibility visibility, boolean memory) {
    this(name, description, systemPrompt, model, fallbacks, visibility,
        memory ? new JsonObject().put("long_term_enabled", true) : null, null, null);
  }
}

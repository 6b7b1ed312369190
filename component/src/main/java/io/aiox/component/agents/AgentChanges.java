package io.aiox.component.agents;

import io.aiox.schema.agent.Visibility;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an owner changes on an agent; each empty part is left as it is.
 *
 * @param description "" removes it
 * @param systemPrompt "" clears it
 * @param fallbacks the complete list of fallback models (empty list: none)
 * @param memory merged into the agent's {@code memory_config} (a key set to null is removed)
 * @param tools the complete set of catalog tools to have enabled: new ones get their default policy, missing ones
 *     are disabled, the others keep the policy they have
 * @param governance merged into the agent's {@code governance} (a key set to null is removed)
 */
public record AgentChanges(Optional<String> name, Optional<String> description, Optional<String> systemPrompt,
                           Optional<String> model, Optional<List<String>> fallbacks, Optional<Visibility> visibility,
                           Optional<JsonObject> memory, Optional<Set<String>> tools, Optional<JsonObject> governance) {
  public static final AgentChanges NONE = new AgentChanges(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** The changes the ad-hoc settings form offers: long-term memory on or off, no fallbacks, no governance. */
  public AgentChanges(Optional<String> name, Optional<String> description, Optional<String> systemPrompt,
                      Optional<String> model, Optional<Visibility> visibility, Optional<Boolean> memory,
                      Optional<Set<String>> tools) {
    this(name, description, systemPrompt, model, Optional.empty(), visibility,
        memory.map(on -> new JsonObject().put("long_term_enabled", on)), tools, Optional.empty());
  }
}

package io.aiox.component.agents;

import io.aiox.schema.agent.Visibility;
import java.util.List;

/**
 * What a creator chooses for a new agent.
 *
 * @param description "" for none
 * @param systemPrompt "" for none; sealed with the hub's master key when given
 * @param model "" for the hub's default model
 * @param fallbacks models to try in order when {@code model} fails
 * @param memory whether long-term memory is on ({@code memory_config.long_term_enabled})
 */
public record AgentDraft(String name, String description, String systemPrompt, String model, List<String> fallbacks,
                         Visibility visibility, boolean memory) {
  public AgentDraft {
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    description = description == null ? "" : description;
    systemPrompt = systemPrompt == null ? "" : systemPrompt;
    model = model == null ? "" : model;
    visibility = visibility == null ? Visibility.PRIVATE : visibility;
  }
}

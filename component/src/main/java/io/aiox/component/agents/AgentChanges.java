package io.aiox.component.agents;

import io.aiox.schema.agent.Visibility;
import java.util.Optional;
import java.util.Set;

/**
 * What an owner changes on an agent; each empty part is left as it is.
 *
 * @param description "" removes it
 * @param systemPrompt "" clears it
 * @param tools the complete set of catalog tools to have enabled: new ones get their default policy, missing ones
 *     are disabled, the others keep the policy they have
 */
public record AgentChanges(Optional<String> name, Optional<String> description, Optional<String> systemPrompt,
                           Optional<String> model, Optional<Visibility> visibility, Optional<Boolean> memory,
                           Optional<Set<String>> tools) {
  public static final AgentChanges NONE = new AgentChanges(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}

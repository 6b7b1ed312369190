package io.aiox.component.agents;

import io.aiox.schema.agent.Agent;

/**
 * Told after an agent was created, changed or deleted through {@link OwnerAgents}; the place where whatever follows
 * an agent's life (its owner's roster, and the rosters of those it is shared with) is hooked in. Called once the
 * change is committed; must not throw.
 */
public interface AgentEvents {
  AgentEvents NONE = new AgentEvents() {
    @Override
    public void created(Agent agent) {}

    @Override
    public void deleted(Agent agent) {}
  };

  void created(Agent agent);

  /** Its name, visibility or governance (who it is shared with) changed; nothing to do by default. */
  default void changed(Agent before, Agent after) {}

  void deleted(Agent agent);
}

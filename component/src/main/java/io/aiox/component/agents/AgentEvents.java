package io.aiox.component.agents;

import io.aiox.schema.agent.Agent;

/**
 * Told after an agent was created or deleted through {@link OwnerAgents}; the place where whatever follows an
 * agent's life (its owner's roster) is hooked in. Called once the change is committed; must not throw.
 */
public interface AgentEvents {
  AgentEvents NONE = new AgentEvents() {
    @Override
    public void created(Agent agent) {}

    @Override
    public void deleted(Agent agent) {}
  };

  void created(Agent agent);

  void deleted(Agent agent);
}

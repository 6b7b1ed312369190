package io.aiox.component.xmpp.roster;

import io.aiox.component.agents.AgentEvents;
import io.aiox.schema.agent.Agent;
import java.util.logging.Logger;

/**
 * Agents created, changed or deleted by ad-hoc command or from the console follow into their users' rosters, as the operator's CLI does. A
 * roster update that fails is logged: the agent exists (or is gone) whatever the roster says, and the next change
 * of the agent updates the rosters again.
 */
public final class RosterEvents implements AgentEvents {
  private static final Logger LOG = Logger.getLogger(RosterEvents.class.getName());

  private final AgentRosters rosters;

  public RosterEvents(AgentRosters rosters) {
    this.rosters = rosters;
  }

  @Override
  public void created(Agent agent) {
    rosters.added(agent).onFailure(e -> LOG.warning(() -> "agent " + agent.jid() + " was created, but its users'"
        + " rosters were not updated: " + e.getMessage()));
  }

  @Override
  public void changed(Agent before, Agent after) {
    rosters.changed(before, after).onFailure(e -> LOG.warning(() -> "agent " + after.jid() + " was changed, but its"
        + " users' rosters were not updated: " + e.getMessage()));
  }

  @Override
  public void deleted(Agent agent) {
    rosters.removed(agent).onFailure(e -> LOG.warning(() -> "agent " + agent.jid() + " was deleted, but its users'"
        + " rosters were not updated: " + e.getMessage()));
  }
}

package io.aiox.web.agents;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What the console asks of the hub about agents: the same rules as the ad-hoc commands and the CLI (the hub's
 * {@code OwnerAgents}). A refusal fails the future with a {@link io.aiox.web.http.ProblemException} whose detail is
 * the rule's own text. Calls that name an {@link Agent} act as its owner: the routes decide who may.
 */
public interface ConsoleAgents {
  /** Creates an agent for {@code owner}; {@code limited}: held to the hub's {@code agents.max_per_user}. */
  Future<Agent> create(OwnerId owner, boolean limited, AgentInput input);

  /** The owner's live agents, oldest first. */
  Future<List<Agent>> list(OwnerId owner);

  /** Every owner's live agents, oldest first (for an admin). */
  Future<List<Agent>> all();

  /** The agent with this id, whoever owns it, deleted or not; empty when there is none. */
  Future<Optional<Agent>> find(AgentId id);

  /** Applies the changes (each absent part left as it is); checked in full before anything is written. */
  Future<Agent> update(Agent agent, AgentInput changes);

  /** Soft-deletes the live agent: it stops answering; its rows stay for the retention period. */
  Future<Agent> delete(Agent agent);

  /** What the agent's row does not hold in the clear: its owner's name, its system prompt, its tools' policies. */
  Future<AgentDetails> details(Agent agent);

  /**
   * Enables the tool with these overrides of its default policy (checked as a turn would), or disables it; completes
   * with the overrides now stored (empty when disabled).
   */
  Future<JsonObject> setTool(Agent agent, String tool, boolean enabled, JsonObject policy);

  /** The models this hub offers: {@code {name, provider, local, default}}. */
  List<JsonObject> models();

  /** The tools an owner may enable: {@code {tools:[{name, description, default_policy}], mcp_servers:[...]}}. */
  JsonObject tools();
}

package io.aiox.schema.tool;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** The tools enabled on an agent. Every call names the owner; row-level security holds the database to it. */
public final class AgentToolRepository {
  private final OwnerScope scope;

  public AgentToolRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Enables the tool on the owner's agent with these policy overrides, or replaces the overrides it had. */
  public Future<Void> enable(OwnerId owner, AgentId agent, String toolName, JsonObject policy) {
    Tuple args = Tuple.of(UUID.randomUUID(), owner.value(), agent.value(), toolName, policy);
    return scope.run(owner, conn -> conn
        .preparedQuery("INSERT INTO agent_tools (id, owner_user_id, agent_id, tool_name, policy)"
            + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agent_id, tool_name) DO UPDATE SET policy = EXCLUDED.policy")
        .execute(args).mapEmpty());
  }

  /** Disables the tool; true when it was enabled. */
  public Future<Boolean> disable(OwnerId owner, AgentId agent, String toolName) {
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM agent_tools WHERE agent_id = $1 AND tool_name = $2")
        .execute(Tuple.of(agent.value(), toolName)).map(rows -> rows.rowCount() == 1));
  }

  /** Whether the owner's agent has any tool enabled. */
  public Future<Boolean> anyEnabled(OwnerId owner, AgentId agent) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT EXISTS (SELECT 1 FROM agent_tools WHERE agent_id = $1)")
        .execute(Tuple.of(agent.value())).map(rows -> rows.iterator().next().getBoolean(0)));
  }

  /** The names of the tools enabled on the owner's agent, in name order: what its model is offered. */
  public Future<java.util.List<String>> enabled(OwnerId owner, AgentId agent) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT tool_name FROM agent_tools WHERE agent_id = $1 ORDER BY tool_name")
        .execute(Tuple.of(agent.value())).map(rows -> {
          java.util.List<String> names = new java.util.ArrayList<>();
          rows.forEach(r -> names.add(r.getString(0)));
          return names;
        }));
  }

  /** The tools enabled on the owner's agent, in name order, each with the owner's overrides of its policy. */
  public Future<java.util.Map<String, JsonObject>> policies(OwnerId owner, AgentId agent) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT tool_name, policy FROM agent_tools WHERE agent_id = $1 ORDER BY tool_name")
        .execute(Tuple.of(agent.value())).map(rows -> {
          java.util.Map<String, JsonObject> policies = new java.util.LinkedHashMap<>();
          rows.forEach(r -> policies.put(r.getString(0), r.getJsonObject(1) == null ? new JsonObject()
              : r.getJsonObject(1)));
          return policies;
        }));
  }

  /** The owner's live agent with its row for the tool; empty when the agent is not the owner's, or deleted. */
  public Future<Optional<ToolBinding>> binding(OwnerId owner, AgentId agent, String toolName) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT a.jid, u.xmpp_jid, t.policy FROM agents a JOIN users u ON u.id = a.owner_user_id"
            + " LEFT JOIN agent_tools t ON t.agent_id = a.id AND t.tool_name = $2"
            + " WHERE a.id = $1 AND a.deleted_at IS NULL")
        .execute(Tuple.of(agent.value(), toolName)).map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new ToolBinding(owner, agent, r.getString("jid"), r.getString("xmpp_jid"), toolName,
              Optional.ofNullable(r.getJsonObject("policy"))));
        }));
  }
}

package io.aiox.worker.tool;

import io.aiox.policy.tool.net.HostResolver;
import io.aiox.schema.TestDatabase;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a tool's integration test needs: the real database and Redis from the testkit, an owner, and
 * {@link ToolCalls} over the built-in tools with the operator's settings, so calls take the path a model's take.
 */
public final class ToolHarness implements AutoCloseable {
  public final TestDatabase db;
  public final Vertx vertx = Vertx.vertx();
  public final Redis redis;
  public final User owner;
  private final AgentRepository agents;
  private final AgentToolRepository tools;

  public ToolHarness(TestServers servers, String ownerName) {
    db = TestDatabase.create(servers);
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(servers.redis().uri()));
    owner = new UserRepository(db.database.ownerScope()).create(ownerName, ownerName + "@hub.test").await();
    agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    tools = new AgentToolRepository(db.database.ownerScope());
  }

  /** Calls through the built-in tools with these settings, resolving names with the system's resolver. */
  public ToolCalls calls(ToolsConfig config) {
    return new ToolCalls(vertx, db.database, redis, ToolRegistry.builtin(vertx, HostResolver.system(vertx), config));
  }

  /** A new agent of the owner with {@code tool} enabled under {@code policy}. */
  public Agent agentWith(String tool, JsonObject policy) {
    Agent agent = agents.create(owner.id(), NewAgent.named("Tester", Visibility.PRIVATE)).await();
    tools.enable(owner.id(), agent.id(), tool, policy).await();
    return agent;
  }

  /** The agent's audit entries of this type, as their details. */
  public java.util.List<JsonObject> audit(Agent agent, String type) {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement(
        "SELECT details::text FROM audit_logs WHERE agent_id = ? AND event_type = ? ORDER BY seq")) {
      q.setObject(1, agent.id().value());
      q.setString(2, type);
      ResultSet rs = q.executeQuery();
      java.util.List<JsonObject> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(new JsonObject(rs.getString(1)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    redis.close();
    vertx.close().await();
    db.close();
  }
}

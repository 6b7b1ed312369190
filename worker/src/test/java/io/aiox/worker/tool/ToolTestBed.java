package io.aiox.worker.tool;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test fixture for a tool's ITs: the hub's migrated database, Redis, one owner, and agents with one tool enabled
 * under a policy; calls go through {@link ToolCalls#invoke}, the path a model's call takes.
 */
public final class ToolTestBed implements AutoCloseable {
  public final TestDatabase db;
  public final Vertx vertx = Vertx.vertx();
  public final Redis redis;
  public final User owner;
  private final AgentRepository agents;
  private final AgentToolRepository tools;

  public ToolTestBed(TestServers servers) {
    this(servers, "owner-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public ToolTestBed(TestServers servers, String name) {
    db = TestDatabase.create(servers);
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(servers.redis().uri()));
    owner = new UserRepository(db.database.ownerScope()).create(name, name + "@hub.test").await();
    agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    tools = new AgentToolRepository(db.database.ownerScope());
  }

  public ToolCalls calls(ToolRegistry registry) {
    return new ToolCalls(vertx, db.database, redis, registry);
  }

  /** Calls through the built-in tools with these operator settings, resolving names with the system's resolver. */
  public ToolCalls calls(ToolsConfig config) {
    return calls(ToolRegistry.builtin(vertx, io.aiox.policy.tool.net.HostResolver.system(vertx), config));
  }

  /** A new agent of the owner with {@code tool} enabled under {@code policy} (overrides of the defaults). */
  public Agent agentWith(String tool, JsonObject policy) {
    Agent agent = agents.create(owner.id(), NewAgent.named("Tester", Visibility.PRIVATE)).await();
    tools.enable(owner.id(), agent.id(), tool, policy).await();
    return agent;
  }

  /** The details of the agent's audit entries of one type, oldest first. */
  public List<JsonObject> audit(Agent agent, String type) {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement("SELECT details::text FROM audit_logs"
        + " WHERE agent_id = ? AND event_type = ? ORDER BY seq")) {
      q.setObject(1, agent.id().value());
      q.setString(2, type);
      ResultSet rs = q.executeQuery();
      List<JsonObject> out = new ArrayList<>();
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

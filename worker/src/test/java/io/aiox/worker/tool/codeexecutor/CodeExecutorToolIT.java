package io.aiox.worker.tool.codeexecutor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.net.HostResolver;
import io.aiox.schema.TestDatabase;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolOutcome;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.aiox.worker.tool.ToolRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code code_executor} through {@link ToolCalls#invoke}, the path a model's call takes (rfc/aiox-agents.md
 * section 9): the policy gate, the owner's approval by default, the sandbox, and an audit entry at each step,
 * against real PostgreSQL and Redis and a real bubblewrap sandbox.
 */
@ExtendWith(RealServers.class)
class CodeExecutorToolIT {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Redis redis;
  private static ToolCalls calls;
  private static User owner;
  private static AgentRepository agents;
  private static AgentToolRepository tools;

  @BeforeAll
  static void start(TestServers servers) {
    db = TestDatabase.create(servers);
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(servers.redis().uri()));
    calls = calls(CodeExecutorConfig.fromJson(new JsonObject().put("wall_seconds", 20).put("cpu_seconds", 5)));
    owner = new UserRepository(db.database.ownerScope()).create("cody", "cody@hub.test").await();
    agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    tools = new AgentToolRepository(db.database.ownerScope());
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close().await();
    db.close();
  }

  private static ToolCalls calls(CodeExecutorConfig config) {
    return new ToolCalls(vertx, db.database, redis, ToolRegistry.builtin(vertx, HostResolver.system(vertx),
        new io.aiox.worker.tool.ToolsConfig(io.aiox.worker.tool.document.DocumentParserConfig.DEFAULTS,
            io.aiox.worker.tool.search.SearchApiConfig.UNCONFIGURED, config)));
  }

  private static Agent agentWith(JsonObject policy) {
    Agent agent = agents.create(owner.id(), NewAgent.named("Coder", Visibility.PRIVATE)).await();
    tools.enable(owner.id(), agent.id(), "code_executor", policy).await();
    return agent;
  }

  private static ToolOutcome run(ToolCalls through, Agent agent, String code) {
    return through.invoke(owner.id(), agent.id(), "code_executor", new JsonObject().put("language", "python")
        .put("code", code), "to check a sum").await();
  }

  @Test
  void without_approval_a_program_runs_end_to_end_and_each_step_is_audited() {
    Agent agent = agentWith(new JsonObject().put("requires_approval", false));
    ToolOutcome out = run(calls, agent, "print(sum(range(10)))\n");
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getInteger("exit_code")).isZero();
    assertThat(out.result().getString("stdout")).isEqualTo("45\n");
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.executed");
    JsonObject executed = details(agent, "tool.executed");
    assertThat(executed.getString("status")).isEqualTo("ok");
    assertThat(executed.getJsonObject("result").getInteger("exit_code")).isZero();
    assertThat(executed.getJsonObject("result").containsKey("stdout")).as("output stays out of the audit").isFalse();
  }

  @Test
  void a_failing_program_is_a_result_and_a_stopped_one_a_failure_both_audited() {
    Agent agent = agentWith(new JsonObject().put("requires_approval", false).put("timeout_seconds", 1));
    ToolOutcome raised = run(calls, agent, "import json\njson.loads('{')\n");
    assertThat(raised.status()).isEqualTo(Status.EXECUTED);
    assertThat(raised.result().getInteger("exit_code")).isEqualTo(1);
    assertThat(raised.result().getString("stderr")).contains("JSONDecodeError");
    ToolOutcome stuck = run(calls, agent, "import time\ntime.sleep(60)\n");
    assertThat(stuck.status()).isEqualTo(Status.FAILED);
    assertThat(stuck.reason()).contains("wall-time limit of 1 s");
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.executed", "tool.allowed", "tool.executed");
  }

  @Test
  void by_default_the_owner_must_approve_and_a_call_nobody_can_approve_runs_nothing() {
    Agent agent = agentWith(new JsonObject());
    ToolOutcome out = run(calls, agent, "print('should not run')\n");
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).contains("could not be asked");
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.denied");
    assertThat(details(agent, "tool.allowed").getString("approval")).isEqualTo("required");
  }

  @Test
  void without_bubblewrap_every_call_is_refused_before_the_owner_is_asked() {
    ToolCalls noSandbox = calls(CodeExecutorConfig.fromJson(new JsonObject().put("bwrap", "/nonexistent/bwrap")));
    Agent agent = agentWith(new JsonObject());
    ToolOutcome out = run(noSandbox, agent, "print(1)\n");
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).startsWith("bubblewrap is not installed").contains("Debian package bubblewrap");
    assertThat(events(agent)).containsExactly("tool.denied");
  }

  @Test
  void the_sandbox_cannot_be_switched_off_by_the_agents_policy() {
    Agent agent = agentWith(new JsonObject().put("requires_approval", false).put("sandbox_required", false));
    ToolOutcome out = run(calls, agent, "print(1)\n");
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).contains("'sandbox_required' cannot be switched off");
  }

  private static List<String> events(Agent agent) {
    List<String> types = new ArrayList<>();
    query(agent, "SELECT event_type FROM audit_logs WHERE agent_id = ? ORDER BY seq", null, types);
    return types;
  }

  private static JsonObject details(Agent agent, String type) {
    List<String> rows = new ArrayList<>();
    query(agent, "SELECT details::text FROM audit_logs WHERE agent_id = ? AND event_type = ? ORDER BY seq", type,
        rows);
    return new JsonObject(rows.get(0));
  }

  private static void query(Agent agent, String sql, String type, List<String> into) {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, agent.id().value());
      if (type != null) {
        q.setString(2, type);
      }
      ResultSet rs = q.executeQuery();
      while (rs.next()) {
        into.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

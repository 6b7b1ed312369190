package io.aiox.worker.tool.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.crypto.MasterKeys;
import io.aiox.policy.crypto.Vault;
import io.aiox.policy.tool.net.HostResolver;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.key.SecretName;
import io.aiox.testkit.PostgresServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolOutcome;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.aiox.worker.tool.ToolRegistry;
import io.aiox.worker.tool.ToolTestBed;
import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code database_query} through {@link ToolCalls#invoke} against a real PostgreSQL database of the owner's (a
 * separate database on the testkit's server, read by a role that could write): rows capped, writes of every kind
 * refused, tables outside allowed_tables refused, one statement only, a timeout (rfc/aiox-agents.md section 9).
 */
@ExtendWith(RealServers.class)
class DatabaseQueryToolIT {
  private static final String ROLE_PASSWORD = "shop-reader-pw";
  private static ToolTestBed bed;
  private static PostgresServer pg;
  private static String shop;
  private static ToolCalls calls;

  @BeforeAll
  static void start(TestServers servers) throws SQLException {
    bed = new ToolTestBed(servers);
    pg = servers.postgres();
    shop = pg.newDatabase();
    // The role may write and may read the table the owner does not allow: the tool, not privileges, must stop it.
    admin("CREATE ROLE shop_reader LOGIN PASSWORD '" + ROLE_PASSWORD + "'",
        "CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL)",
        "INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 250) g",
        "CREATE TABLE payroll (name text, salary int)", "INSERT INTO payroll VALUES ('ann', 100)",
        "CREATE VIEW payroll_view AS SELECT name FROM payroll",
        "CREATE FUNCTION bump() RETURNS int LANGUAGE sql AS 'INSERT INTO orders VALUES (9999, ''bumped'') RETURNING id'",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON orders, payroll TO shop_reader",
        "GRANT SELECT ON payroll_view TO shop_reader");
    Vault vault = new Vault(bed.vertx, bed.db.database.ownerScope(), new AgentRepository(bed.db.database.ownerScope(),
        "agents.hub.test"), MasterKeys.fromEnv("test", "K", Map.of("K", "11".repeat(32))), Duration.ofSeconds(60));
    vault.setSecret(bed.owner.id(), new SecretName("db:shop"), "postgresql://shop_reader:" + ROLE_PASSWORD + "@"
        + pg.host() + ":" + pg.port() + "/" + shop).await();
    ToolsConfig config = ToolsConfig.fromJson(new JsonObject().put("database_query",
        new JsonObject().put("max_rows", 100)));
    calls = bed.calls(ToolRegistry.builtin(bed.vertx, HostResolver.system(bed.vertx), config,
        java.util.Optional.of(vault)));
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static void admin(String... statements) throws SQLException {
    try (Connection c = pg.adminConnection(shop); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static Agent agent(JsonObject extra) {
    return bed.agentWith("database_query", new JsonObject().put("connection", "shop")
        .put("allowed_tables", new JsonArray(List.of("orders"))).put("allowed_domains", new JsonArray(List.of(
            "127.0.0.1"))).put("allowed_addresses", new JsonArray(List.of("127.0.0.1"))).mergeIn(extra));
  }

  private static ToolOutcome query(Agent agent, String table, String sql) {
    return calls.invoke(bed.owner.id(), agent.id(), "database_query", new JsonObject().put("table", table)
        .put("query", sql), "report").await();
  }

  private static long orders() throws SQLException {
    try (Connection c = pg.adminConnection(shop); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void an_allowed_query_returns_rows_capped_and_says_it_was_truncated() {
    Agent agent = agent(new JsonObject());
    ToolOutcome outcome = query(agent, "orders", "SELECT id, item FROM orders ORDER BY id");
    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(Status.EXECUTED);
    JsonObject result = outcome.result();
    assertThat(result.getJsonArray("columns")).containsExactly("id", "item");
    assertThat(result.getInteger("row_count")).isEqualTo(100);
    assertThat(result.getBoolean("truncated")).isTrue();
    assertThat(result.getJsonArray("rows").getJsonArray(0)).containsExactly(1, "item 1");

    ToolOutcome few = query(agent, "public.orders", "select count(*) as n from orders where id <= 3");
    assertThat(few.result().getJsonArray("rows").getJsonArray(0)).containsExactly(3L);
    assertThat(few.result().getBoolean("truncated")).isFalse();

    JsonObject audited = bed.audit(agent, "tool.executed").getFirst().getJsonObject("result");
    assertThat(audited.getInteger("row_count")).isEqualTo(100);
    assertThat(audited.containsKey("rows")).as("the audit keeps no data").isFalse();
  }

  @Test
  void writes_of_every_kind_are_refused_and_change_nothing() throws SQLException {
    Agent agent = agent(new JsonObject());
    long before = orders();
    for (String sql : List.of("INSERT INTO orders VALUES (1000, 'x')", "UPDATE orders SET item = 'x'",
        "DELETE FROM orders", "WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone",
        "SELECT bump()", "SELECT id FROM orders FOR UPDATE", "CREATE TABLE orders2 AS SELECT * FROM orders")) {
      ToolOutcome outcome = query(agent, "orders", sql);
      assertThat(outcome.status()).as(sql + ": " + outcome.reason()).isEqualTo(Status.DENIED);
      assertThat(outcome.reason()).as(sql).containsAnyOf("only reads", "runs one SELECT");
    }
    assertThat(orders()).isEqualTo(before);
  }

  @Test
  void a_table_outside_allowed_tables_is_refused_however_the_query_reaches_it() {
    Agent agent = agent(new JsonObject());
    assertThat(query(agent, "payroll", "SELECT * FROM payroll").reason())
        .isEqualTo("table public.payroll is not in the agent's allowed_tables for database_query");
    for (String sql : List.of("SELECT * FROM orders, payroll", "SELECT * FROM orders WHERE item IN (SELECT name"
        + " FROM payroll)", "SELECT * FROM payroll_view", "SELECT relname FROM pg_catalog.pg_class")) {
      ToolOutcome outcome = query(agent, "orders", sql);
      assertThat(outcome.status()).as(sql + ": " + outcome.reason()).isEqualTo(Status.DENIED);
      assertThat(outcome.reason()).as(sql).contains("which is not in the agent's allowed_tables");
    }
    assertThat(bed.audit(agent, "tool.executed")).isEmpty();
  }

  @Test
  void only_one_statement_runs() throws SQLException {
    long before = orders();
    ToolOutcome outcome = query(agent(new JsonObject()), "orders", "SELECT 1 FROM orders; DELETE FROM orders");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.reason()).contains("cannot insert multiple commands into a prepared statement");
    assertThat(orders()).isEqualTo(before);
  }

  @Test
  void a_query_past_the_timeout_is_cancelled_by_the_server() {
    ToolOutcome outcome = query(agent(new JsonObject().put("timeout_seconds", 1)), "orders",
        "SELECT pg_sleep(30) FROM orders LIMIT 1");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.reason()).isEqualTo("the query did not finish within 1 s (statement_timeout)");
  }

  @Test
  void the_database_host_passes_the_network_rule() {
    ToolOutcome outcome = query(agent(new JsonObject().put("allowed_addresses", new JsonArray())), "orders",
        "SELECT 1");
    assertThat(outcome.status()).isEqualTo(Status.DENIED);
    assertThat(outcome.reason()).contains("loopback");
  }

  @Test
  void a_missing_connection_or_secret_is_named() {
    ToolOutcome none = query(bed.agentWith("database_query", new JsonObject().put("allowed_tables",
        new JsonArray(List.of("orders")))), "orders", "SELECT 1");
    assertThat(none.reason()).contains("the agent's policy names no connection");
    ToolOutcome missing = query(agent(new JsonObject().put("connection", "warehouse")), "orders", "SELECT 1");
    assertThat(missing.status()).isEqualTo(Status.FAILED);
    assertThat(missing.reason()).contains("the owner has no secret db:warehouse");
  }
}

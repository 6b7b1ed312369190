package io.aiox.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Row-level security holds even against hand-written SQL in a session of the hub's own role. */
@ExtendWith(RealServers.class)
class RowLevelSecurityIT {
  private static TestDatabase db;
  private static User alice;
  private static User bob;
  private static Agent bobsAgent;

  @BeforeAll
  static void twoOwnersWithAgentsAndMemories(TestServers servers) throws SQLException {
    db = TestDatabase.create(servers);
    UserRepository users = new UserRepository(db.database.ownerScope());
    AgentRepository agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    alice = users.create("alice", "alice@hub.test").await();
    bob = users.create("bob", "bob@hub.test").await();
    agents.create(alice.id(), NewAgent.named("alice-helper", Visibility.PRIVATE)).await();
    bobsAgent = agents.create(bob.id(), NewAgent.named("bob-helper", Visibility.PRIVATE)).await();
    try (Connection c = db.adminJdbc()) {
      insertMemory(c, alice.id().value(), "alice's secret");
      insertMemory(c, bob.id().value(), "bob's secret");
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void owner_a_reads_only_their_own_agents_and_memories() throws SQLException {
    try (Connection c = actingAs(alice)) {
      assertThat(count(c, "SELECT count(*) FROM agents")).isEqualTo(1);
      assertThat(count(c, "SELECT count(*) FROM agents WHERE owner_user_id = '" + bob.id() + "'")).isZero();
      assertThat(count(c, "SELECT count(*) FROM agent_memories")).isEqualTo(1);
      assertThat(count(c, "SELECT count(*) FROM agent_memories WHERE content LIKE 'bob%'")).isZero();
      assertThat(count(c, "SELECT count(*) FROM users")).isEqualTo(1);
    }
  }

  @Test
  void owner_a_cannot_change_or_delete_owner_bs_rows() throws SQLException {
    try (Connection c = actingAs(alice); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE agents SET profile = '{\"name\":\"pwned\"}' WHERE id = '" + bobsAgent.id() + "'"))
          .isZero();
      assertThat(s.executeUpdate("DELETE FROM agent_memories WHERE owner_user_id = '" + bob.id() + "'")).isZero();
    }
    try (Connection c = db.adminJdbc()) {
      assertThat(count(c, "SELECT count(*) FROM agent_memories WHERE owner_user_id = '" + bob.id() + "'")).isEqualTo(1);
      assertThat(count(c, "SELECT count(*) FROM agents WHERE profile->>'name' = 'bob-helper'")).isEqualTo(1);
    }
  }

  @Test
  void owner_a_cannot_write_rows_in_owner_bs_name() throws SQLException {
    try (Connection c = actingAs(alice)) {
      assertThatThrownBy(() -> insertMemory(c, bob.id().value(), "planted"))
          .hasMessageContaining("row-level security");
      c.rollback();
      assertThatThrownBy(() -> c.createStatement().executeUpdate(
          "INSERT INTO agents (id, owner_user_id, jid) VALUES (gen_random_uuid(), '" + bob.id()
              + "', 'agent-" + UUID.randomUUID() + "@agents.hub.test')"))
          .hasMessageContaining("row-level security");
    }
  }

  @Test
  void a_session_without_an_owner_sees_nothing() throws SQLException {
    try (Connection c = db.hubJdbc()) {
      assertThat(count(c, "SELECT count(*) FROM agents")).isZero();
      assertThat(count(c, "SELECT count(*) FROM agent_memories")).isZero();
      assertThat(count(c, "SELECT count(*) FROM users")).isZero();
    }
  }

  @Test
  void the_hub_role_cannot_switch_row_level_security_off() throws SQLException {
    try (Connection c = db.hubJdbc(); Statement s = c.createStatement()) {
      s.execute("SET row_security = off");
      assertThatThrownBy(() -> count(c, "SELECT count(*) FROM agents"))
          .hasMessageContaining("row-level security");
      assertThat(count(c, "SELECT count(*) FROM pg_roles WHERE rolname = current_user"
          + " AND (rolsuper OR rolbypassrls)")).isZero();
      assertThatThrownBy(() -> s.execute("ALTER TABLE agents DISABLE ROW LEVEL SECURITY"))
          .hasMessageContaining("must be owner");
    }
  }

  @Test
  void audit_rows_cannot_be_changed_even_by_their_owner() throws SQLException {
    try (Connection c = actingAs(alice); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO audit_logs (id, owner_user_id, seq, event_type, severity, hash)"
          + " VALUES (gen_random_uuid(), '" + alice.id() + "', 1, 'test', 'info', '\\x00')");
      assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_logs SET event_type = 'rewritten'"))
          .hasMessageContaining("permission denied");
    }
  }

  /** A JDBC session of the hub role acting for {@code owner}, in an open transaction. */
  private static Connection actingAs(User owner) throws SQLException {
    Connection c = db.hubJdbc();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("SELECT set_config('aiox.owner_id', ?, true)")) {
      ps.setString(1, owner.id().toString());
      ps.execute();
    }
    return c;
  }

  private static void insertMemory(Connection c, UUID owner, String content) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_memories (id, owner_user_id, agent_id, content,"
        + " embedding) VALUES (gen_random_uuid(), ?, gen_random_uuid(), ?, array_fill(0.1, ARRAY[384])::vector)")) {
      ps.setObject(1, owner);
      ps.setString(2, content);
      ps.executeUpdate();
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

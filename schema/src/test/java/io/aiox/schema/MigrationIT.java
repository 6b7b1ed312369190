package io.aiox.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.migration.Migrator;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServers.class)
class MigrationIT {

  @Test
  void migrations_apply_once_and_a_second_run_is_a_no_op(TestServers servers) {
    DatabaseConfig config = TestDatabase.configFor(servers.postgres(), servers.postgres().newDatabase());
    assertThat(Migrator.migrate(config)).isGreaterThanOrEqualTo(3);
    assertThat(Migrator.migrate(config)).isZero();
  }

  @Test
  void agent_memories_is_hash_partitioned_by_owner_with_an_hnsw_index(TestServers servers) throws SQLException {
    try (TestDatabase db = TestDatabase.create(servers); Connection c = db.adminJdbc()) {
      assertThat(single(c, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'agent_memories'::regclass"))
          .isEqualTo("16");
      assertThat(single(c, "SELECT pg_get_partkeydef('agent_memories'::regclass)")).isEqualTo("HASH (owner_user_id)");
      assertThat(single(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'agent_memories_embedding_hnsw'"))
          .contains("USING hnsw (embedding vector_cosine_ops)");
      // the partitioned index reaches every partition
      assertThat(single(c, "SELECT count(*) FROM pg_indexes WHERE tablename LIKE 'agent_memories_p%'"
          + " AND indexdef LIKE '%USING hnsw%'")).isEqualTo("16");
      assertThat(single(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
          + " WHERE attrelid = 'agent_memories'::regclass AND attname = 'embedding'")).isEqualTo("vector(384)");
    }
  }

  @Test
  void every_table_of_the_data_model_exists(TestServers servers) throws SQLException {
    try (TestDatabase db = TestDatabase.create(servers); Connection c = db.adminJdbc()) {
      for (String table : List.of("users", "user_linked_jids", "agents", "agent_tools", "agent_memories",
          "executions", "audit_logs", "user_quotas", "ai_workers", "tenant_keys")) {
        assertThat(single(c, "SELECT to_regclass('public." + table + "') IS NOT NULL")).as(table).isEqualTo("t");
      }
    }
  }

  @Test
  void a_bad_migration_stops_start_up_and_names_the_migration(TestServers servers) {
    DatabaseConfig config = TestDatabase.configFor(servers.postgres(), servers.postgres().newDatabase());
    assertThatThrownBy(() -> Migrator.migrate(config, List.of("classpath:db/broken")))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("schema migration failed on PostgreSQL at 127.0.0.1:" + servers.postgres().port())
        .hasMessageContaining("V999__broken_on_purpose.sql");
  }

  @Test
  void an_unreachable_server_stops_start_up_and_names_the_server() {
    int closedPort = Ports.free();
    DatabaseConfig config = new DatabaseConfig("127.0.0.1", closedPort, "aiox", "aiox_hub", "x", "aiox_admin", "y", 1);
    assertThatThrownBy(() -> Migrator.migrate(config))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("PostgreSQL at 127.0.0.1:" + closedPort)
        .hasMessageContaining("unreachable");
  }

  static String single(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

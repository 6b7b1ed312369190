package io.aiox.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.AuditVerifier;
import io.aiox.schema.audit.BreakReason;
import io.aiox.schema.audit.ChainBreak;
import io.aiox.schema.audit.ChainReport;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit verifier against rows changed behind the hub's back. The append-only trigger stops the hub role, but a
 * superuser can switch triggers off for its session ({@code session_replication_role = replica}); the chain is
 * what shows such a change afterwards.
 */
@ExtendWith(RealServers.class)
class AuditChainVerifierIT {
  private static TestDatabase db;
  private static AuditLog audit;
  private static UserRepository users;
  private static Pool admin;
  private static AuditVerifier verifier;

  @BeforeAll
  static void open(TestServers servers) {
    db = TestDatabase.create(servers);
    audit = new AuditLog(db.database.ownerScope());
    users = new UserRepository(db.database.ownerScope());
    DatabaseConfig c = db.config;
    admin = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(new PgConnectOptions()
        .setHost(c.host()).setPort(c.port()).setDatabase(c.database()).setUser(c.adminUser())
        .setPassword(c.adminPassword())).using(db.vertx).build();
    verifier = new AuditVerifier(admin, 2); // pages of two: every chain below spans several pages
  }

  @AfterAll
  static void close() {
    admin.close().await();
    db.close();
  }

  @Test
  void untouched_chains_hold_and_report_their_head() {
    User ann = ownerWithEntries("ann-verify", 5);
    User bob = ownerWithEntries("bob-verify", 4);
    ChainReport a = verifier.verify(ann.id()).await();
    assertThat(a.holds()).isTrue();
    assertThat(a.entries()).isEqualTo(5);
    assertThat(a.headSeq()).isEqualTo(5);
    assertThat(a.headHash()).hasSize(64).isEqualTo(hashHex(ann, 5));
    assertThat(a.ownerName()).contains("ann-verify");
    assertThat(verifier.verify(bob.id()).await().entries()).isEqualTo(4);
  }

  @Test
  void an_owner_without_entries_has_an_empty_chain_that_holds() {
    User quiet = users.create("quiet-verify", "quiet-verify@hub.test").await();
    ChainReport r = verifier.verify(quiet.id()).await();
    assertThat(r.holds()).isTrue();
    assertThat(r.entries()).isZero();
    assertThat(r.headHash()).isEmpty();
  }

  @Test
  void a_changed_detail_is_a_hash_mismatch_at_that_entry_and_only_that_owner() throws SQLException {
    User carl = ownerWithEntries("carl-verify", 5);
    User dora = ownerWithEntries("dora-verify", 5);
    UUID third = entryId(carl, 3);
    tamper("UPDATE audit_logs SET details = '{\"i\": 99}' WHERE id = ?", third);

    ChainBreak b = verifier.verify(carl.id()).await().broken().orElseThrow();
    assertThat(b.entry()).isEqualTo(third);
    assertThat(b.seq()).isEqualTo(3);
    assertThat(b.reason()).isEqualTo(BreakReason.HASH_MISMATCH);
    assertThat(verifier.verify(dora.id()).await().holds()).isTrue();
    // Across all owners (other tests in this class break chains of their own owners):
    assertThat(holdsByOwner()).containsEntry(carl.id().toString(), false).containsEntry(dora.id().toString(), true);
  }

  @Test
  void a_deleted_middle_entry_is_a_gap_named_at_the_entry_after_it() throws SQLException {
    User erin = ownerWithEntries("erin-verify", 5);
    User finn = ownerWithEntries("finn-verify", 5);
    tamper("DELETE FROM audit_logs WHERE id = ?", entryId(erin, 3));

    ChainReport r = verifier.verify(erin.id()).await();
    ChainBreak b = r.broken().orElseThrow();
    assertThat(b.entry()).isEqualTo(entryId(erin, 4));
    assertThat(b.reason()).isEqualTo(BreakReason.GAP);
    assertThat(b.detail()).contains("entry 3 is missing");
    assertThat(r.headSeq()).as("the last entry that holds").isEqualTo(2);
    assertThat(verifier.verify(finn.id()).await().holds()).isTrue();
  }

  @Test
  void an_entry_rewritten_with_a_fresh_hash_breaks_the_link_of_the_next_one() throws SQLException {
    User gus = ownerWithEntries("gus-verify", 4);
    UUID second = entryId(gus, 2);
    // A careful forger recomputes the changed entry's own hash; the next entry still names the old one.
    tamper("UPDATE audit_logs SET details = '{\"i\": 7}', hash = sha256(coalesce(prev_hash, ''::bytea)"
        + " || aiox_audit_canonical(owner_user_id, seq, agent_id, event_type, severity, actor, '{\"i\": 7}',"
        + " created_at)) WHERE id = ?", second);

    ChainBreak b = verifier.verify(gus.id()).await().broken().orElseThrow();
    assertThat(b.entry()).isEqualTo(entryId(gus, 3));
    assertThat(b.reason()).isEqualTo(BreakReason.PREV_HASH_MISMATCH);
  }

  private static User ownerWithEntries(String name, int n) {
    User u = users.create(name, name + "@hub.test").await();
    for (int i = 1; i <= n; i++) {
      audit.append(new AuditEvent(u.id(), Optional.empty(), "test.event", Severity.INFO, "tester",
          new JsonObject().put("i", i))).await();
    }
    return u;
  }

  private static Map<String, Boolean> holdsByOwner() {
    Map<String, Boolean> holds = new HashMap<>();
    verifier.verifyAll(r -> holds.put(r.owner().toString(), r.holds())).await();
    return holds;
  }

  private static void tamper(String sql, UUID entry) throws SQLException {
    try (Connection c = db.adminJdbc()) {
      c.createStatement().execute("SET session_replication_role = replica");
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, entry);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
    }
  }

  private static UUID entryId(User owner, long seq) throws SQLException {
    return (UUID) column(owner, seq, "id");
  }

  private static String hashHex(User owner, long seq) {
    try {
      return java.util.HexFormat.of().formatHex((byte[]) column(owner, seq, "hash"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object column(User owner, long seq, String column) throws SQLException {
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement(
        "SELECT " + column + " FROM audit_logs WHERE owner_user_id = ? AND seq = ?")) {
      q.setObject(1, owner.id().value());
      q.setLong(2, seq);
      ResultSet rs = q.executeQuery();
      rs.next();
      return rs.getObject(1);
    }
  }
}

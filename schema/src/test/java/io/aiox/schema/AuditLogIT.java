package io.aiox.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit chain (ARCHITECTURE "Security model"): gap-free per owner under concurrency, each hash over the last. */
@ExtendWith(RealServers.class)
class AuditLogIT {
  private static TestDatabase db;
  private static AuditLog audit;
  private static UserRepository users;

  @BeforeAll
  static void open(TestServers servers) {
    db = TestDatabase.create(servers);
    audit = new AuditLog(db.database.ownerScope());
    users = new UserRepository(db.database.ownerScope());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void concurrent_appends_build_one_unbroken_chain_per_owner() throws Exception {
    User ann = users.create("ann-audit", "ann-audit@hub.test").await();
    User bob = users.create("bob-audit", "bob-audit@hub.test").await();
    List<Future<Long>> writes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      User who = i % 2 == 0 ? ann : bob;
      writes.add(audit.append(new AuditEvent(who.id(), Optional.empty(), "test.event", Severity.INFO, "tester",
          new JsonObject().put("i", i))));
    }
    Future.all(writes).await();
    for (User who : List.of(ann, bob)) {
      try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement(
          "SELECT seq, prev_hash, hash, aiox_audit_canonical(owner_user_id, seq, agent_id, event_type, severity,"
              + " actor, details, created_at) FROM audit_logs WHERE owner_user_id = ? ORDER BY seq")) {
        q.setObject(1, who.id().value());
        ResultSet rs = q.executeQuery();
        byte[] prev = new byte[0];
        long expected = 1;
        while (rs.next()) {
          assertThat(rs.getLong(1)).isEqualTo(expected++);
          byte[] stored = rs.getBytes(3);
          assertThat(rs.getBytes(2) == null ? new byte[0] : rs.getBytes(2)).isEqualTo(prev);
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          sha.update(prev);
          sha.update(rs.getBytes(4));
          assertThat(Arrays.equals(sha.digest(), stored)).as("hash of entry %d", expected - 1).isTrue();
          prev = stored;
        }
        assertThat(expected - 1).isEqualTo(20);
      }
    }
  }

  @Test
  void the_hub_role_cannot_rewrite_or_read_another_owners_entries() throws Exception {
    User eve = users.create("eve-audit", "eve-audit@hub.test").await();
    audit.append(new AuditEvent(eve.id(), Optional.empty(), "test.event", Severity.WARNING, "tester", null)).await();
    try (Connection c = db.hubJdbc()) {
      assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE audit_logs SET actor = 'mallory'"))
          .hasMessageContaining("permission denied for table audit_logs");
      ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_logs");
      rs.next();
      assertThat(rs.getLong(1)).as("no owner set: row-level security shows nothing").isZero();
    }
  }
}

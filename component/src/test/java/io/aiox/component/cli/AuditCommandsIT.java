package io.aiox.component.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.Database;
import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.migration.Migrator;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./aiox audit verify}: exit codes and the lines an operator reads, before and after rows were tampered with. */
@ExtendWith(RealServers.class)
class AuditCommandsIT {
  private static DatabaseConfig db;
  private static String file;
  private static final Vertx VERTX = Vertx.vertx();
  private static Database hubDb;

  @BeforeAll
  static void configure(TestServers servers, @TempDir Path dir) throws IOException {
    JsonObject config = TestHubConfig.json(servers);
    db = HubConfig.fromJson(config).database();
    Migrator.migrate(db);
    file = Files.writeString(dir.resolve("hub.json"), config.encode()).toString();
    hubDb = Database.connect(VERTX, db).await();
  }

  @AfterAll
  static void close() {
    hubDb.close();
    VERTX.close().await();
  }

  @Test
  void verify_exits_zero_while_chains_hold_and_one_naming_each_tampered_chain() throws SQLException {
    User ada = ownerWithEntries("ada", 4);
    User ben = ownerWithEntries("ben", 4);
    User cyd = ownerWithEntries("cyd", 4);

    CliRun clean = cli("audit", "verify", "--config", file);
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("ok      ada: 4 entries hold; head seq 4 hash ")
        .endsWith("audit: 3 chains checked, 0 broken\n");
    assertThat(new JsonObject(cli("audit", "verify", "--json", "--config", file).out()).getBoolean("holds")).isTrue();

    UUID changed = entryId(ben, 2);
    tamper("UPDATE audit_logs SET details = '{\"i\": 42}' WHERE id = ?", changed);
    UUID afterGap = entryId(cyd, 4);
    tamper("DELETE FROM audit_logs WHERE id = ?", entryId(cyd, 3));

    CliRun tampered = cli("audit", "verify", "--config", file);
    assertThat(tampered.code()).isEqualTo(1);
    List<String> broken = tampered.out().lines().filter(l -> l.startsWith("BROKEN")).toList();
    assertThat(broken).hasSize(2);
    assertThat(broken).anySatisfy(l -> assertThat(l).startsWith("BROKEN  ben (owner " + ben.id() + "): entry "
        + changed + " (seq 2): hash mismatch: "));
    assertThat(broken).anySatisfy(l -> assertThat(l).startsWith("BROKEN  cyd (owner " + cyd.id() + "): entry "
        + afterGap + " (seq 4): gap: seq 4 follows seq 2: entry 3 is missing"));
    assertThat(tampered.out()).contains("ok      ada: 4 entries hold").endsWith("3 chains checked, 2 broken\n");

    assertThat(cli("audit", "verify", "--owner", "ada", "--config", file).code()).isZero();
    CliRun one = cli("audit", "verify", "--owner", "ben", "--json", "--config", file);
    assertThat(one.code()).isEqualTo(1);
    JsonObject chain = new JsonObject(one.out()).getJsonArray("chains").getJsonObject(0);
    assertThat(chain.getString("name")).isEqualTo("ben");
    assertThat(chain.getJsonObject("broken").getString("entry")).isEqualTo(changed.toString());
    assertThat(chain.getJsonObject("broken").getString("reason")).isEqualTo("hash-mismatch");
    assertThat(chain.getJsonObject("head").getLong("seq")).as("the last entry that holds").isEqualTo(1);
  }

  @Test
  void bad_input_exits_two_with_one_clear_line() {
    CliRun ghost = cli("audit", "verify", "--owner", "ghost", "--config", file);
    assertThat(ghost.code()).isEqualTo(2);
    assertThat(ghost.err()).isEqualTo("aiox: no such user: ghost\n");
    CliRun verb = cli("audit", "check", "--config", file);
    assertThat(verb.code()).isEqualTo(2);
    assertThat(verb.err()).isEqualTo("aiox: unknown audit command check (known: verify)\n");
    assertThat(cli("audit", "verify", "--since", "x", "--config", file).err()).isEqualTo("aiox: unknown option --since\n");
    CliRun unknown = cli("audti", "verify", "--config", file);
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("aiox: unknown command audti\n").contains("audit verify [--owner NAME]");
  }

  private static User ownerWithEntries(String name, int n) {
    User u = new UserRepository(hubDb.ownerScope()).create(name, name + "@hub.test").await();
    AuditLog audit = new AuditLog(hubDb.ownerScope());
    for (int i = 1; i <= n; i++) {
      audit.append(new AuditEvent(u.id(), Optional.empty(), "test.event", Severity.INFO, "tester",
          new JsonObject().put("i", i))).await();
    }
    return u;
  }

  /** As a superuser that switched triggers off for its session: what the append-only trigger cannot stop. */
  private static void tamper(String sql, UUID entry) throws SQLException {
    try (Connection c = admin()) {
      c.createStatement().execute("SET session_replication_role = replica");
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, entry);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
    }
  }

  private static UUID entryId(User owner, long seq) throws SQLException {
    try (Connection c = admin(); PreparedStatement q = c.prepareStatement(
        "SELECT id FROM audit_logs WHERE owner_user_id = ? AND seq = ?")) {
      q.setObject(1, owner.id().value());
      q.setLong(2, seq);
      ResultSet rs = q.executeQuery();
      rs.next();
      return (UUID) rs.getObject(1);
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(db.database()), db.adminUser(), db.adminPassword());
  }

  private static CliRun cli(String... argv) {
    return CliRun.of(argv);
  }
}

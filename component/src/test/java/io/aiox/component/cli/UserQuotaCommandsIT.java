package io.aiox.component.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.schema.TestDatabase;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./aiox user set NAME --quota JSON} against the real PostgreSQL: what it stores is the {@code quota_config}
 * a quota check reads (docs/operations.md, "Quotas"), and what a turn would refuse is refused here.
 */
@ExtendWith(RealServers.class)
class UserQuotaCommandsIT {
  private static TestDatabase db;
  private static String file;
  private static User ada;

  @BeforeAll
  static void configure(TestServers servers, @TempDir Path dir) throws IOException {
    db = TestDatabase.create(servers);
    // The command reaches only the database: the XMPP side need not run.
    JsonObject config = new JsonObject()
        .put("xmpp", new JsonObject().put("domain", "hub.test").put("componentSecret", "unused"))
        .put("database", new JsonObject().put("host", db.config.host()).put("port", db.config.port())
            .put("database", db.config.database()).put("user", db.config.user())
            .put("password", db.config.password()).put("adminUser", db.config.adminUser())
            .put("adminPassword", db.config.adminPassword()));
    file = Files.writeString(dir.resolve("hub.json"), config.encode()).toString();
    ada = new UserRepository(db.database.ownerScope()).create("ada", "ada@hub.test").await();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void set_quota_merges_into_the_owners_quota_config_that_quota_checks_read() {
    CliRun set = CliRun.of("user", "set", "ada", "--quota", "{\"max_tokens_per_day\": 5000}", "--json",
        "--config", file);
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(new JsonObject(set.out())).isEqualTo(new JsonObject().put("username", "ada")
        .put("quota_config", new JsonObject().put("max_tokens_per_day", 5000)));

    CliRun more = CliRun.of("user", "set", "ada", "--quota", "{\"max_concurrent_turns\": 2}", "--config", file);
    assertThat(more.out()).isEqualTo("user ada: quota_config {\"max_tokens_per_day\":5000,\"max_concurrent_turns\":2}\n");
    assertThat(QuotaDefaults.DEFAULTS.resolve(stored(), new JsonObject()).user().tokensPerDay()).isEqualTo(5000);

    CliRun removed = CliRun.of("user", "set", "ada", "--quota", "{\"max_tokens_per_day\": null}", "--config", file);
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(stored()).isEqualTo(new JsonObject().put("max_concurrent_turns", 2));
  }

  @Test
  void a_bad_key_value_or_json_exits_two_with_one_line_and_stores_nothing() {
    JsonObject before = stored();

    assertThat(CliRun.of("user", "set", "ada", "--quota", "{\"max_tokens_per_dya\": 1}", "--config", file).err())
        .isEqualTo("aiox: unknown configuration key quota_config.max_tokens_per_dya\n");
    CliRun negative = CliRun.of("user", "set", "ada", "--quota", "{\"max_concurrent_turns\": -5}", "--config", file);
    assertThat(negative.code()).isEqualTo(2);
    assertThat(negative.err()).startsWith("aiox: the owner's quota_config.max_concurrent_turns must be a whole number")
        .hasLineCount(1);
    CliRun notJson = CliRun.of("user", "set", "ada", "--quota", "{max_tokens_per_day: 1", "--config", file);
    assertThat(notJson.code()).isEqualTo(2);
    assertThat(notJson.err()).startsWith("aiox: --quota must be a JSON object").hasLineCount(1);
    assertThat(CliRun.of("user", "set", "ghost", "--quota", "{}", "--config", file).err())
        .isEqualTo("aiox: no user ghost\n");
    assertThat(CliRun.of("user", "set", "ada", "--config", file).code()).isEqualTo(2);

    assertThat(stored()).isEqualTo(before);
  }

  /** What a quota check reads for ada. */
  private static JsonObject stored() {
    return new QuotaRepository(db.database.ownerScope())
        .snapshot(ada.id(), new AgentId(UUID.randomUUID()), Optional.empty()).await().quotaConfig();
  }
}

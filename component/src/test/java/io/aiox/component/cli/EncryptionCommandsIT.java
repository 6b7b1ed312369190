package io.aiox.component.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.policy.crypto.MasterKey;
import io.aiox.policy.crypto.MasterKeyRing;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.Database;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.SecretName;
import io.aiox.schema.migration.Migrator;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The operator's encryption commands: sealed system prompts, secrets from standard input, key rotation. */
@ExtendWith(RealServers.class)
class EncryptionCommandsIT {
  private static JsonObject plain;
  private static JsonObject sealed;
  private static Path keyFile;

  @BeforeAll
  static void configure(TestServers servers, @TempDir Path dir) throws IOException {
    plain = TestHubConfig.json(servers);
    keyFile = Files.writeString(dir.resolve("master.key"), MasterKey.generate().hex() + "\n");
    sealed = plain.copy().put("security", new JsonObject().put("master_key_file", keyFile.toString()));
    Migrator.migrate(HubConfig.fromJson(plain).database());
  }

  @Test
  void prompts_and_secrets_are_sealed_and_survive_both_rotations(@TempDir Path tmp) throws IOException {
    String file = Files.writeString(tmp.resolve("hub.json"), sealed.encode()).toString();
    JsonObject user = new JsonObject(cli("", "user", "add", "nemo", "--json", "--config", file).out());
    OwnerId owner = OwnerId.parse(user.getString("id"));
    CliRun created = cli("", "agent", "create", "--owner", "nemo", "--name", "Pirate", "--system-prompt",
        "You are a pirate. Answer in rhyme.", "--config", file);
    assertThat(created.code()).as(created.err()).isZero();
    AgentJid jid = AgentJid.parse(created.out().strip()).orElseThrow();
    CliRun stored = cli("sk-nemo-123\n", "secret", "set", "--owner", user.getString("jid"), "--name",
        "provider.openai", "--config", file);
    assertThat(stored.code()).as(stored.err()).isZero();
    assertThat(cli("", "secret", "list", "--owner", "nemo", "--config", file).out()).isEqualTo("provider.openai\n");

    JsonObject rotated = new JsonObject(cli("", "keys", "rotate", "--json", "--config", file).out());
    assertThat(rotated.getInteger("values")).isGreaterThanOrEqualTo(2);
    assertThat(rotated.getInteger("unreadable")).isZero();
    String before = MasterKeyRing.fromFile("x", keyFile).current().id();
    CliRun master = cli("", "keys", "rotate", "--master", "--json", "--config", file);
    assertThat(master.code()).as(master.err()).isZero();
    List<String> held = MasterKeyRing.fromFile("x", keyFile).ids();
    assertThat(held).hasSize(2).endsWith(before);
    JsonObject status = new JsonObject(cli("", "keys", "status", "--json", "--config", file).out());
    assertThat(status.getJsonArray("masterKeys")).isEqualTo(new JsonArray(held));
    assertThat(status.getJsonObject("dataKeysByMasterKey").fieldNames()).containsExactly(held.getFirst());

    HubConfig config = HubConfig.fromJson(sealed);
    Vertx vertx = Vertx.vertx();
    try {
      Database db = Database.connect(vertx, config.database()).await();
      AgentRepository agents = new AgentRepository(db.ownerScope(), config.xmpp().componentDomain());
      Vault vault = Vault.create(vertx, db, agents, config.security());
      assertThat(vault.systemPrompt(owner, jid.agentId()).await()).isEqualTo("You are a pirate. Answer in rhyme.");
      assertThat(vault.secret(owner, new SecretName("provider.openai")).await()).contains("sk-nemo-123");
      db.close();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_system_prompt_without_a_master_key_is_refused_before_the_agent_exists(@TempDir Path tmp) throws IOException {
    String file = Files.writeString(tmp.resolve("hub.json"), plain.encode()).toString();
    cli("", "user", "add", "ahab", "--config", file);
    CliRun refused = cli("", "agent", "create", "--owner", "ahab", "--name", "Whaler", "--system-prompt", "Hunt.",
        "--config", file);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("no master key is configured: set security.master_key_file");
    assertThat(new JsonArray(cli("", "agent", "list", "--owner", "ahab", "--json", "--config", file).out())).isEmpty();
    assertThat(cli("", "secret", "set", "--owner", "ahab", "--name", "provider.openai", "--config", file).err())
        .contains("security.master_key_file");
  }

  @Test
  void the_security_section_and_the_secret_input_are_checked_with_clear_messages(@TempDir Path tmp)
      throws IOException {
    JsonObject typo = plain.copy().put("security", new JsonObject().put("master_key_fle", "x"));
    String bad = Files.writeString(tmp.resolve("bad.json"), typo.encode()).toString();
    CliRun refused = cli("", "keys", "status", "--config", bad);
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("unknown configuration key security.master_key_fle");

    JsonObject missing = plain.copy().put("security", new JsonObject().put("master_key_file",
        tmp.resolve("absent.key").toString()));
    String gone = Files.writeString(tmp.resolve("gone.json"), missing.encode()).toString();
    assertThat(cli("", "keys", "status", "--config", gone).err())
        .contains("security.master_key_file (" + tmp.resolve("absent.key") + ") cannot be read");

    String file = Files.writeString(tmp.resolve("hub.json"), sealed.encode()).toString();
    cli("", "user", "add", "ishmael", "--config", file);
    assertThat(cli("", "secret", "set", "--owner", "ishmael", "--name", "provider.openai", "--config", file).err())
        .contains("read from standard input, which was empty");
    assertThat(cli("x", "secret", "set", "--owner", "ishmael", "--name", "Bad Name", "--config", file).err())
        .contains("a secret name is");
  }

  private static CliRun cli(String stdin, String... argv) {
    return CliRun.withInput(stdin, argv);
  }
}

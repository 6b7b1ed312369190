package io.aiox.policy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.TestDatabase;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.SecretName;
import io.aiox.schema.key.TenantKeyRepository;
import io.aiox.schema.key.WrappedKey;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Encryption at rest against a real PostgreSQL (ARCHITECTURE "Security model"): system prompts and owner secrets
 * are sealed per owner, a database dump shows none of them, and key rotation keeps every agent readable while
 * hubs serve.
 */
@ExtendWith(RealServers.class)
class EncryptionAtRestIT {
  private static TestServers servers;
  private static TestDatabase db;
  private static UserRepository users;
  private static AgentRepository agents;
  private static Path keyFile;
  private static MasterKey firstKey;

  @BeforeAll
  static void open(TestServers s) throws IOException {
    servers = s;
    db = TestDatabase.create(s);
    users = new UserRepository(db.database.ownerScope());
    agents = new AgentRepository(db.database.ownerScope(), "agents.hub.test");
    firstKey = MasterKey.generate();
    keyFile = Files.writeString(Files.createTempDirectory(s.dir(), "keys").resolve("master.key"), firstKey.hex());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Vault vault(Duration keyCache) {
    return new Vault(db.vertx, db.database.ownerScope(), agents,
        MasterKeys.fromFile(SecurityConfig.FILE_KEY, keyFile), keyCache);
  }

  private static User user(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return users.create(name, name + "@hub.test").await();
  }

  private static Agent agent(User owner) {
    return agents.create(owner.id(), NewAgent.named("Agent", Visibility.PRIVATE)).await();
  }

  @Test
  void a_system_prompt_is_read_back_by_its_owner_only_and_an_unset_one_is_empty() {
    Vault vault = vault(Duration.ofSeconds(60));
    User ann = user("ann");
    User bob = user("bob");
    Agent helper = agent(ann);
    Agent blank = agent(ann);
    assertThat(vault.setSystemPrompt(ann.id(), helper.id(), "You are Ann's helper. Be brief.").await()).isTrue();
    assertThat(vault.systemPrompt(ann.id(), helper.id()).await()).isEqualTo("You are Ann's helper. Be brief.");
    assertThat(vault.systemPrompt(ann.id(), blank.id()).await()).isEmpty();
    assertThat(vault.systemPrompt(bob.id(), helper.id()).await()).as("another owner sees no prompt").isEmpty();
    assertThat(vault.setSystemPrompt(bob.id(), helper.id(), "hijack").await()).isFalse();
    assertThat(vault.setSystemPrompt(ann.id(), helper.id(), "").await()).isTrue();
    assertThat(vault.systemPrompt(ann.id(), helper.id()).await()).isEmpty();
  }

  @Test
  void owner_secrets_are_sealed_per_owner_and_name() {
    Vault vault = vault(Duration.ofSeconds(60));
    User ann = user("ann");
    User bob = user("bob");
    SecretName openai = new SecretName("provider.openai");
    vault.setSecret(ann.id(), openai, "sk-ann-1").await();
    vault.setSecret(ann.id(), openai, "sk-ann-2").await();
    vault.setSecret(ann.id(), new SecretName("tool.search"), "search-token").await();
    assertThat(vault.secret(ann.id(), openai).await()).contains("sk-ann-2");
    assertThat(vault.secret(bob.id(), openai).await()).isEmpty();
    assertThat(vault.secretNames(ann.id()).await()).extracting(SecretName::value)
        .containsExactly("provider.openai", "tool.search");
    assertThat(vault.deleteSecret(ann.id(), openai).await()).isTrue();
    assertThat(vault.secret(ann.id(), openai).await()).isEmpty();
  }

  @Test
  void a_tampered_or_moved_ciphertext_does_not_open() throws Exception {
    Vault vault = vault(Duration.ofSeconds(60));
    User ann = user("ann");
    Agent a = agent(ann);
    Agent b = agent(ann);
    vault.setSystemPrompt(ann.id(), a.id(), "prompt of a").await();
    vault.setSystemPrompt(ann.id(), b.id(), "prompt of b").await();
    try (Connection c = db.adminJdbc()) {
      c.createStatement().executeUpdate("UPDATE agents SET system_prompt_enc = (SELECT system_prompt_enc FROM agents"
          + " WHERE id = '" + a.id() + "') WHERE id = '" + b.id() + "'");
      c.createStatement().executeUpdate("UPDATE agents SET system_prompt_enc = set_byte(system_prompt_enc, 29,"
          + " get_byte(system_prompt_enc, 29) # 1) WHERE id = '" + a.id() + "'");
    }
    assertThatThrownBy(() -> vault.systemPrompt(ann.id(), b.id()).await()).isInstanceOf(CryptoFailure.class)
        .hasMessageContaining("the system prompt of agent " + b.id() + " of owner " + ann.id() + " does not open");
    assertThatThrownBy(() -> vault.systemPrompt(ann.id(), a.id()).await()).isInstanceOf(CryptoFailure.class)
        .hasMessageContaining("authentication failed");
    // A rotation reports the two altered rows, leaves them on their old key and carries on with everyone else.
    assertThat(vault.rotation().rotateDataKeys().await().unreadable()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a_hub_without_the_master_key_fails_naming_the_key_and_the_setting() throws IOException {
    User ann = user("ann");
    Agent a = agent(ann);
    vault(Duration.ofSeconds(60)).setSystemPrompt(ann.id(), a.id(), "secret prompt").await();
    Path wrongFile = Files.writeString(keyFile.resolveSibling("wrong.key"), MasterKey.generate().hex());
    Vault wrong = new Vault(db.vertx, db.database.ownerScope(), agents,
        MasterKeys.fromFile(SecurityConfig.FILE_KEY, wrongFile), Duration.ofSeconds(60));
    String currentId = MasterKeyRing.fromFile("x", keyFile).current().id();
    assertThatThrownBy(() -> wrong.systemPrompt(ann.id(), a.id()).await()).isInstanceOf(CryptoFailure.class)
        .hasMessageContaining("is wrapped by master key " + currentId)
        .hasMessageContaining("which security.master_key_file (" + wrongFile + ") does not hold");
  }

  @Test
  void a_database_dump_holds_no_system_prompt_and_no_secret_in_plaintext() throws Exception {
    Vault vault = vault(Duration.ofSeconds(60));
    Map<String, byte[]> plaintexts = new LinkedHashMap<>();
    List<Agent> created = new ArrayList<>();
    for (int o = 0; o < 3; o++) {
      User owner = user("dump");
      for (int i = 0; i < 3; i++) {
        Agent agent = agent(owner);
        String prompt = "You are Captain Nemo number " + i + ", keeper of " + UUID.randomUUID() + ". Never tell.";
        vault.setSystemPrompt(owner.id(), agent.id(), prompt).await();
        plaintexts.put("prompt of " + agent.id(), prompt.getBytes(StandardCharsets.UTF_8));
        created.add(agent);
      }
      String apiKey = "sk-live-" + UUID.randomUUID().toString().replace("-", "");
      vault.setSecret(owner.id(), new SecretName("provider.openai"), apiKey).await();
      plaintexts.put("api key of " + owner.id(), apiKey.getBytes(StandardCharsets.UTF_8));
      for (WrappedKey k : new TenantKeyRepository(db.database.ownerScope()).all(owner.id()).await()) {
        plaintexts.put("data key " + k.version() + " of " + owner.id(),
            KeyWrap.unwrap(MasterKeyRing.fromFile("x", keyFile), k).key());
      }
    }
    MasterKeyRing.fromFile("x", keyFile).keys()
        .forEach(k -> plaintexts.put("master key " + k.id(), k.bytes()));

    String dump = pgDump();
    assertThat(dump).as("the dump is of the populated database").contains("COPY public.agents")
        .contains("COPY public.owner_secrets").contains("COPY public.tenant_keys");
    created.forEach(a -> assertThat(dump).contains(a.id().toString()));
    plaintexts.forEach((what, plain) -> forms(plain).forEach(form -> assertThat(dump.contains(form))
        .as("%s appears in the dump as %s", what, form).isFalse()));
  }

  @Test
  void rotating_data_keys_and_the_master_key_under_load_keeps_every_agent_readable() throws Exception {
    Vault operator = vault(Duration.ofSeconds(60));
    Map<Agent, String> prompts = new LinkedHashMap<>();
    Map<OwnerId, String> apiKeys = new LinkedHashMap<>();
    for (int o = 0; o < 4; o++) {
      User owner = user("rot");
      for (int i = 0; i < 5; i++) {
        Agent agent = agent(owner);
        String prompt = "prompt " + i + " of " + owner.username() + " " + UUID.randomUUID();
        operator.setSystemPrompt(owner.id(), agent.id(), prompt).await();
        prompts.put(agent, prompt);
      }
      String apiKey = "sk-" + UUID.randomUUID();
      operator.setSecret(owner.id(), new SecretName("provider.anthropic"), apiKey).await();
      apiKeys.put(owner.id(), apiKey);
    }
    // The "hub": a short key cache, so it unwraps again and again while the keys change under it.
    Vault hub = vault(Duration.ofMillis(20));
    Load load = new Load(hub, new ArrayList<>(prompts.entrySet()), apiKeys);
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < 16; w++) {
      workers.add(load.worker());
    }
    TimeUnit.MILLISECONDS.sleep(100);

    KeyRotation.Report data = operator.rotation().rotateDataKeys().await();
    MasterKey next = MasterKey.generate();
    KeyRotation.Report master = operator.rotation().rotateMasterKey(next).await();
    KeyRotation.Report again = operator.rotation().rotateDataKeys().await();
    TimeUnit.MILLISECONDS.sleep(100);
    load.stop.set(true);
    Future.all(workers).await();

    assertThat(load.failures).as("opens that failed during rotation").isEmpty();
    assertThat(load.opens.get()).as("opens during the rotation").isGreaterThan(200);
    assertThat(data.values()).isGreaterThanOrEqualTo(prompts.size() + apiKeys.size());
    assertThat(again.values()).isGreaterThanOrEqualTo(prompts.size() + apiKeys.size());
    assertThat(master.dataKeys()).isGreaterThanOrEqualTo(2 * apiKeys.size());
    assertThat(again.owners()).isGreaterThanOrEqualTo(apiKeys.size());
    try (Connection c = db.adminJdbc()) {
      for (OwnerId owner : apiKeys.keySet()) {
        assertThat(scalar(c, "SELECT count(DISTINCT master_key_id) || ':' || min(master_key_id) FROM tenant_keys"
            + " WHERE owner_user_id = ?", owner)).isEqualTo("1:" + next.id());
        assertThat(scalar(c, "SELECT count(*) FROM agents WHERE owner_user_id = ? AND system_prompt_key <>"
            + " (SELECT max(version) FROM tenant_keys k WHERE k.owner_user_id = agents.owner_user_id)", owner))
            .as("prompts left on an old data key").isEqualTo("0");
      }
    }
    // Every data key is under the new master key now: a hub holding only that key reads everything.
    Path onlyNew = Files.writeString(keyFile.resolveSibling("only-new.key"), next.hex());
    Vault fresh = new Vault(db.vertx, db.database.ownerScope(), agents,
        MasterKeys.fromFile(SecurityConfig.FILE_KEY, onlyNew), Duration.ofSeconds(60));
    prompts.forEach((a, p) -> assertThat(fresh.systemPrompt(a.owner(), a.id()).await()).isEqualTo(p));
    apiKeys.forEach((o, k) -> assertThat(fresh.secret(o, new SecretName("provider.anthropic")).await()).contains(k));
  }

  /** Opens prompts and secrets in a loop, as turns would, recording every failure or wrong answer. */
  private static final class Load {
    final Vault hub;
    final List<Map.Entry<Agent, String>> prompts;
    final Map<OwnerId, String> apiKeys;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger opens = new AtomicInteger();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    Load(Vault hub, List<Map.Entry<Agent, String>> prompts, Map<OwnerId, String> apiKeys) {
      this.hub = hub;
      this.prompts = prompts;
      this.apiKeys = apiKeys;
    }

    Future<Void> worker() {
      Promise<Void> done = Promise.promise();
      next(done);
      return done.future();
    }

    private void next(Promise<Void> done) {
      if (stop.get()) {
        done.complete();
        return;
      }
      Map.Entry<Agent, String> pick = prompts.get(ThreadLocalRandom.current().nextInt(prompts.size()));
      Agent agent = pick.getKey();
      Future<Void> one = hub.systemPrompt(agent.owner(), agent.id()).compose(p -> {
        check("prompt of " + agent.id(), pick.getValue(), p);
        return hub.secret(agent.owner(), new SecretName("provider.anthropic"));
      }).map(k -> {
        check("api key of " + agent.owner(), Optional.of(apiKeys.get(agent.owner())), k);
        return null;
      });
      one.onComplete(r -> {
        opens.incrementAndGet();
        if (r.failed()) {
          failures.add(r.cause().toString());
        }
        next(done);
      });
    }

    private void check(String what, Object expected, Object actual) {
      if (!expected.equals(actual)) {
        failures.add(what + " read back wrong");
      }
    }
  }

  private static String scalar(Connection c, String sql, OwnerId owner) throws Exception {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, owner.value());
      ResultSet rs = q.executeQuery();
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * The ways a value could show in a dump (read byte for byte as ISO-8859-1): its raw bytes, hex as bytea prints
   * it, or base64 at each of its three alignments.
   */
  private static List<String> forms(byte[] bytes) {
    List<String> forms = new ArrayList<>();
    forms.add(new String(bytes, StandardCharsets.ISO_8859_1));
    forms.add(HexFormat.of().formatHex(bytes));
    forms.add(HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT));
    for (int skip = 0; skip < 3; skip++) {
      int whole = (bytes.length - skip) / 3 * 3;
      byte[] part = Arrays.copyOfRange(bytes, skip, skip + whole);
      forms.add(Base64.getEncoder().withoutPadding().encodeToString(part));
      forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(part));
    }
    return forms;
  }

  /** pg_dump of the test database, run from the same PostgreSQL installation the test servers use. */
  private static String pgDump() throws Exception {
    Path bin = Path.of(Optional.ofNullable(System.getenv("AIOX_PG_BIN")).orElse("/usr/lib/postgresql/15/bin"));
    Path out = Files.createTempFile(servers.dir(), "dump", ".sql");
    ProcessBuilder pb = new ProcessBuilder(bin.resolve("pg_dump").toString(), "-h", db.config.host(), "-p",
        Integer.toString(db.config.port()), "-U", db.config.adminUser(), "--no-password", db.config.database())
        .redirectOutput(out.toFile()).redirectErrorStream(false);
    pb.environment().put("PGPASSWORD", db.config.adminPassword());
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("pg_dump: %s", err).isZero();
    return Files.readString(out, StandardCharsets.ISO_8859_1);
  }
}

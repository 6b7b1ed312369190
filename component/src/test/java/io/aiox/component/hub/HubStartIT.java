package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.component.cli.CliRun;
import io.aiox.schema.SchemaException;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The hub's start-up against the real servers, and the operator commands ./aiox runs. */
@ExtendWith(RealServers.class)
class HubStartIT {
  private static TestServers servers;
  private static JsonObject config;

  @BeforeAll
  static void configure(TestServers s) {
    servers = s;
    config = TestHubConfig.json(s);
  }

  @Test
  void the_hub_starts_against_real_servers_and_migrates() {
    try (Hub hub = Hub.start(HubConfig.fromJson(config))) {
      // the hub's own role sees the migrated tables (and, under row-level security, no one's rows)
      assertThat(hub.database().pool().query("SELECT count(*) FROM agents").execute().await()
          .iterator().next().getLong(0)).isZero();
    }
  }

  @Test
  void an_unreachable_redis_stops_start_up_and_names_it() {
    int closed = Ports.free();
    JsonObject bad = config.copy().put("redis", new JsonObject().put("uri", "redis://127.0.0.1:" + closed));
    assertThatThrownBy(() -> Hub.start(HubConfig.fromJson(bad)))
        .hasMessageContaining("Redis at redis://127.0.0.1:" + closed + " is unreachable");
  }

  @Test
  void an_unreachable_postgres_stops_start_up_and_names_it() {
    int closed = Ports.free();
    JsonObject bad = config.copy();
    bad.put("database", bad.getJsonObject("database").copy().put("port", closed));
    assertThatThrownBy(() -> Hub.start(HubConfig.fromJson(bad)))
        .isInstanceOf(SchemaException.class).hasMessageContaining("PostgreSQL at 127.0.0.1:" + closed);
  }

  @Test
  void an_unknown_configuration_key_is_refused_by_name() {
    JsonObject bad = config.copy();
    bad.put("database", bad.getJsonObject("database").copy().put("passwrod", "x"));
    assertThatThrownBy(() -> HubConfig.fromJson(bad)).hasMessageContaining("unknown configuration key database.passwrod");
    assertThatThrownBy(() -> HubConfig.fromJson(config.copy().put("xmp", 1)))
        .hasMessageContaining("unknown configuration key xmp");
  }

  @Test
  void operator_commands_create_a_user_who_logs_in_and_agents_they_own(@TempDir Path tmp) throws IOException {
    Hub.start(HubConfig.fromJson(config)).close(); // migrated
    Path file = Files.writeString(tmp.resolve("hub.json"), config.encode());

    CliRun user = cli("user", "add", "oscar", "--json", "--config", file.toString());
    assertThat(user.code()).as(user.err()).isZero();
    JsonObject created = new JsonObject(user.out());
    assertThat(created.getString("jid")).isEqualTo("oscar@" + servers.ejabberd().domain());
    XMPPTCPConnection oscar = servers.ejabberd().connect("oscar", created.getString("password"));
    oscar.disconnect();

    CliRun agent = cli("agent", "create", "--owner", "oscar", "--name", "Helper", "--visibility", "public",
        "--config", file.toString());
    assertThat(agent.code()).as(agent.err()).isZero();
    String jid = agent.out().strip();
    assertThat(jid).matches("agent-[0-9a-f-]{36}@agents\\." + servers.ejabberd().domain().replace(".", "\\."));

    JsonArray mine = new JsonArray(cli("agent", "list", "--owner", "oscar", "--json", "--config", file.toString()).out());
    assertThat(mine.getJsonObject(0).getString("jid")).isEqualTo(jid);
    assertThat(cli("agent", "list", "--config", file.toString()).out()).contains(jid);

    assertThat(cli("agent", "delete", jid, "--config", file.toString()).code()).isZero();
    assertThat(new JsonArray(cli("agent", "list", "--owner", "oscar", "--json", "--config", file.toString()).out()))
        .isEmpty();
  }

  @Test
  void bad_operator_input_exits_non_zero_with_one_clear_line(@TempDir Path tmp) throws IOException {
    Hub.start(HubConfig.fromJson(config)).close();
    String file = Files.writeString(tmp.resolve("hub.json"), config.encode()).toString();
    CliRun noOwner = cli("agent", "create", "--owner", "ghost", "--name", "x", "--config", file);
    assertThat(noOwner.code()).isEqualTo(2);
    assertThat(noOwner.err()).isEqualTo("aiox: no such user: ghost (create it with ./aiox user add)\n");
    assertThat(cli("agent", "delete", "not-a-jid", "--config", file).err()).contains("not an agent JID");
    assertThat(cli("user", "add", "Bad Name", "--config", file).code()).isEqualTo(2);
    assertThat(cli("agent", "list", "--colour", "x", "--config", file).err()).contains("unknown option --colour");
  }

  @Test
  void operators_change_an_agents_settings_and_tools_and_bad_values_are_refused_before_they_are_stored(
      @TempDir Path tmp) throws IOException {
    Hub.start(HubConfig.fromJson(config)).close();
    String file = Files.writeString(tmp.resolve("hub.json"), config.encode()).toString();
    assertThat(cli("user", "add", "sally", "--config", file).code()).isZero();
    String jid = cli("agent", "create", "--owner", "sally", "--name", "Tuned", "--config", file).out().strip();

    CliRun set = cli("agent", "set", jid, "--memory", "{\"long_term_enabled\": true, \"remember\": \"summaries\"}",
        "--governance", "{\"max_tokens_per_minute\": 500, \"consult\": []}", "--visibility", "public", "--json",
        "--config", file);
    assertThat(set.code()).as(set.err()).isZero();
    JsonObject agent = new JsonObject(set.out());
    assertThat(agent.getJsonObject("memory_config").getString("remember")).isEqualTo("summaries");
    assertThat(agent.getJsonObject("governance").getInteger("max_tokens_per_minute")).isEqualTo(500);
    assertThat(agent.getString("visibility")).isEqualTo("public");

    // a null removes a key; the rest of the setting stays
    JsonObject after = new JsonObject(cli("agent", "set", jid, "--governance", "{\"consult\": null}", "--json",
        "--config", file).out());
    assertThat(after.getJsonObject("governance").fieldNames()).containsExactly("max_tokens_per_minute");

    CliRun badMemory = cli("agent", "set", jid, "--memory", "{\"remember\": \"everything\"}", "--config", file);
    assertThat(badMemory.code()).isEqualTo(2);
    assertThat(badMemory.err()).contains("memory_config.remember must be off, summaries or full");
    assertThat(cli("agent", "set", jid, "--governance", "{\"max_tokens_per_minute\": \"lots\"}", "--config", file)
        .err()).contains("max_tokens_per_minute");
    assertThat(cli("agent", "set", jid, "--governance", "{\"priority\": 11}", "--config", file).err())
        .contains("priority");
    assertThat(cli("agent", "set", jid, "--llm", "{\"model\": \"nope\"}", "--config", file).err())
        .contains("unknown model nope");
    assertThat(cli("agent", "set", jid, "--memory", "[1]", "--config", file).err()).contains("must be a JSON object");
    assertThat(cli("agent", "set", jid, "--config", file).err()).contains("nothing to set");
    assertThat(new JsonObject(cli("agent", "set", jid, "--visibility", "public", "--json", "--config", file).out())
        .getJsonObject("memory_config").getString("remember")).as("refused changes stored nothing")
        .isEqualTo("summaries");

    CliRun enabled = cli("agent", "tool", "enable", jid, "http_request", "--policy",
        "{\"allowed_domains\": [\"example.org\"]}", "--config", file);
    assertThat(enabled.code()).as(enabled.err()).isZero();
    assertThat(enabled.out()).contains("http_request enabled for " + jid);
    assertThat(toolRows(jid)).containsExactly("http_request {\"allowed_domains\": [\"example.org\"]}");
    assertThat(cli("agent", "tool", "enable", jid, "telepathy", "--config", file).err())
        .contains("unknown tool telepathy").contains("http_request");
    assertThat(cli("agent", "tool", "enable", jid, "http_request", "--policy", "{\"allowed_domain\": []}",
        "--config", file).err()).contains("unknown tool policy key 'allowed_domain'");
    assertThat(cli("agent", "tool", "disable", jid, "http_request", "--config", file).code()).isZero();
    assertThat(toolRows(jid)).isEmpty();
    assertThat(cli("agent", "tool", "disable", jid, "http_request", "--config", file).err())
        .contains("http_request is not enabled for " + jid);
  }

  /** The agent's agent_tools rows as "name policy", read as the database admin. */
  private static List<String> toolRows(String agentJid) {
    try (Connection c = servers.postgres().adminConnection(config.getJsonObject("database").getString("database"));
         PreparedStatement q = c.prepareStatement("SELECT t.tool_name || ' ' || t.policy::text FROM agent_tools t"
             + " JOIN agents a ON a.id = t.agent_id WHERE a.jid = ?")) {
      q.setString(1, agentJid);
      ResultSet rs = q.executeQuery();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CliRun cli(String... argv) {
    return CliRun.of(argv);
  }
}

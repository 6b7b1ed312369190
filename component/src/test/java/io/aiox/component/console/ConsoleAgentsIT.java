package io.aiox.component.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.AgentRows;
import io.aiox.component.ChatOwner;
import io.aiox.component.FixtureWorker;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.web.auth.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jivesoftware.smack.roster.Roster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The console's agents and administration groups (docs/console.md) against a hub on the real servers, signed in
 * through a trusting test fixture: the same rules as the ad-hoc commands (rfc section 8.1), another owner's agent
 * answered 404 and audited, an admin seeing and opening all. An echo consumer answers turns.
 */
@ExtendWith(RealServers.class)
@Timeout(120)
class ConsoleAgentsIT {
  private static final TrustingTestAuth AUTH = new TrustingTestAuth();
  private static Hub hub;
  private static TestServers servers;
  private static Path masterKey;
  private static String database;
  private static WebClient web;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    JsonObject config = TestHubConfig.json(servers)
        .put("agents", new JsonObject().put("max_per_user", 5));
    masterKey = TestHubConfig.sealed(config);
    database = config.getJsonObject("database").getString("database");
    hub = Hub.start(HubConfig.fromJson(config), AUTH, AUTH);
    AUTH.users(new UserRepository(hub.database().ownerScope()));
    FixtureWorker.echo(hub);
    web = WebClient.create(hub.vertx());
  }

  @AfterAll
  static void stop() throws Exception {
    web.close();
    hub.close();
    Files.deleteIfExists(masterKey);
  }

  @Test
  void an_owner_creates_reads_changes_and_deletes_an_agent_and_every_field_round_trips() {
    ChatOwner ann = ChatOwner.register(hub, servers.ejabberd(), "ann");
    JsonObject body = new JsonObject().put("name", "Helper").put("description", "Answers questions")
        .put("system_prompt", "Be brief.").put("model", "fixture-small").put("fallbacks", new JsonArray()
            .add("fixture-large")).put("visibility", "shared").put("shared_with", new JsonArray()
            .add("bob@example.org").add("example.net")).put("memory", new JsonObject().put("long_term_enabled", true))
        .put("tools", new JsonArray().add("http_request"))
        .put("governance", new JsonObject().put("priority", 7).put("max_tokens_per_day", 50_000));
    HttpResponse<Buffer> created = call(ann, HttpMethod.POST, "/api/agents", body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject agent = created.bodyAsJsonObject();
    String id = agent.getString("id");
    JsonObject read = call(ann, HttpMethod.GET, "/api/agents/" + id, null).bodyAsJsonObject();
    for (JsonObject a : new JsonObject[] {agent, read}) {
      assertThat(a.getString("name")).isEqualTo("Helper");
      assertThat(a.getString("description")).isEqualTo("Answers questions");
      assertThat(a.getString("system_prompt")).isEqualTo("Be brief.");
      assertThat(a.getString("model")).isEqualTo("fixture-small");
      assertThat(a.getJsonArray("fallbacks")).containsExactly("fixture-large");
      assertThat(a.getString("visibility")).isEqualTo("shared");
      assertThat(a.getJsonArray("shared_with")).containsExactly("bob@example.org", "example.net");
      assertThat(a.getJsonObject("memory").getBoolean("long_term_enabled")).isTrue();
      assertThat(a.getJsonArray("tools").getJsonObject(0).getString("name")).isEqualTo("http_request");
      assertThat(a.getJsonObject("governance").getInteger("priority")).isEqualTo(7);
      assertThat(a.getJsonObject("governance").getInteger("max_tokens_per_day")).isEqualTo(50_000);
      assertThat(a.getJsonObject("owner").getString("username")).isEqualTo(ann.user().username());
      assertThat(a.getBoolean("deleted")).isFalse();
    }
    assertThat(ids(call(ann, HttpMethod.GET, "/api/agents", null))).containsExactly(id);

    JsonObject changed = call(ann, HttpMethod.PATCH, "/api/agents/" + id, new JsonObject().put("name", "Helper Two")
        .put("system_prompt", "Be terse.").put("model", "fixture-large").put("fallbacks", new JsonArray())
        .put("visibility", "private").put("memory", new JsonObject().put("long_term_enabled", false))
        .put("governance", new JsonObject().put("priority", null))).bodyAsJsonObject();
    assertThat(changed.getString("name")).isEqualTo("Helper Two");
    assertThat(changed.getString("system_prompt")).isEqualTo("Be terse.");
    assertThat(changed.getString("model")).isEqualTo("fixture-large");
    assertThat(changed.getJsonArray("fallbacks")).isEmpty();
    assertThat(changed.getString("visibility")).isEqualTo("private");
    assertThat(changed.getJsonObject("memory").getBoolean("long_term_enabled")).isFalse();
    assertThat(changed.getJsonObject("governance").containsKey("priority")).isFalse();
    assertThat(changed.getString("description")).as("left as it was").isEqualTo("Answers questions");

    HttpResponse<Buffer> tool = call(ann, HttpMethod.PUT, "/api/agents/" + id + "/tools/http_request",
        new JsonObject().put("enabled", true).put("policy", new JsonObject().put("timeout_seconds", 5)));
    assertThat(tool.statusCode()).as(tool.bodyAsString()).isEqualTo(200);
    assertThat(call(ann, HttpMethod.GET, "/api/agents/" + id, null).bodyAsJsonObject().getJsonArray("tools")
        .getJsonObject(0).getJsonObject("policy").getInteger("timeout_seconds")).isEqualTo(5);

    assertThat(call(ann, HttpMethod.DELETE, "/api/agents/" + id, null).statusCode()).isEqualTo(204);
    assertThat(ids(call(ann, HttpMethod.GET, "/api/agents", null))).isEmpty();
    assertThat(call(ann, HttpMethod.GET, "/api/agents/" + id, null).bodyAsJsonObject().getBoolean("deleted"))
        .as("kept, soft-deleted").isTrue();
    assertThat(call(ann, HttpMethod.DELETE, "/api/agents/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void an_agent_created_from_the_console_answers_over_xmpp_and_is_in_its_owners_roster() throws Exception {
    ChatOwner cid = ChatOwner.register(hub, servers.ejabberd(), "cid");
    JsonObject agent = call(cid, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "Echo"))
        .bodyAsJsonObject();
    EntityBareJid jid = JidCreate.entityBareFrom(agent.getString("jid"));
    assertThat(AgentChat.ask(cid.xmpp(), jid, "hi", Duration.ofSeconds(20)).getBody()).isEqualTo("echo: hi");
    Roster roster = Roster.getInstanceFor(cid.xmpp());
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (roster.getEntry(jid) == null && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertThat(roster.getEntry(jid)).as("roster entry for " + jid).isNotNull();
  }

  @Test
  void another_user_gets_404_on_every_route_of_an_agent_not_theirs_and_each_attempt_is_audited() throws Exception {
    ChatOwner dee = ChatOwner.register(hub, servers.ejabberd(), "dee");
    ChatOwner eve = ChatOwner.register(hub, servers.ejabberd(), "eve");
    JsonObject agent = call(dee, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "Private"))
        .bodyAsJsonObject();
    String path = "/api/agents/" + agent.getString("id");
    java.util.List<HttpResponse<Buffer>> attempts = java.util.List.of(call(eve, HttpMethod.GET, path, null),
        call(eve, HttpMethod.PATCH, path, new JsonObject().put("name", "Mine")),
        call(eve, HttpMethod.PUT, path + "/tools/http_request", new JsonObject().put("enabled", true)),
        call(eve, HttpMethod.DELETE, path, null));
    HttpResponse<Buffer> none = call(eve, HttpMethod.GET, "/api/agents/" + java.util.UUID.randomUUID(), null);
    for (HttpResponse<Buffer> r : attempts) {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("detail")).as("no different from an id that does not exist")
          .isEqualTo(none.bodyAsJsonObject().getString("detail").replaceAll("[0-9a-f-]{36}", agent.getString("id")));
    }
    assertThat(call(eve, HttpMethod.GET, "/api/agents", null).bodyAsJsonObject().getJsonArray("agents")).isEmpty();
    assertThat(AgentRows.auditTypes(servers, database, JidCreate.entityBareFrom(agent.getString("jid"))))
        .containsExactly("console.denied", "console.denied", "console.denied", "console.denied");
    assertThat(call(dee, HttpMethod.GET, path, null).bodyAsJsonObject().getString("name")).isEqualTo("Private");
  }

  @Test
  void an_admin_sees_and_opens_every_agent_and_a_user_may_not_list_all() {
    ChatOwner fay = ChatOwner.register(hub, servers.ejabberd(), "fay");
    ChatOwner root = ChatOwner.register(hub, servers.ejabberd(), "root");
    AUTH.setRole(root.user().id(), Role.ADMIN);
    String id = call(fay, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "Fay's"))
        .bodyAsJsonObject().getString("id");
    assertThat(ids(call(root, HttpMethod.GET, "/api/agents?all=true", null))).contains(id);
    JsonObject opened = call(root, HttpMethod.GET, "/api/agents/" + id, null).bodyAsJsonObject();
    assertThat(opened.getJsonObject("owner").getString("username")).isEqualTo(fay.user().username());
    assertThat(call(fay, HttpMethod.GET, "/api/agents?all=true", null).statusCode()).isEqualTo(403);
  }

  @Test
  void bad_inputs_are_400_problems_with_the_rules_own_words() {
    ChatOwner gus = ChatOwner.register(hub, servers.ejabberd(), "gus");
    assertProblem(call(gus, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "A").put("model", "gpt-9")),
        "unknown model gpt-9");
    assertProblem(call(gus, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "A")
        .put("visibility", "secret")), "visibility must be private, shared or public, was secret");
    assertProblem(call(gus, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "A")
        .put("system_prompt", "x".repeat(32_001))), "a system prompt may have at most 32000 characters");
    assertProblem(call(gus, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "A")
        .put("tools", new JsonArray().add("rm_rf"))), "unknown tool rm_rf");
    assertProblem(call(gus, HttpMethod.POST, "/api/agents", new JsonObject().put("name", " ")),
        "an agent's name must be 1 to 100 characters");
    assertProblem(call(gus, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "A")
        .put("governance", new JsonObject().put("priority", 11))), "priority must be a whole number 0..10");
    assertThat(ids(call(gus, HttpMethod.GET, "/api/agents", null))).as("nothing was created").isEmpty();
    String id = call(gus, HttpMethod.POST, "/api/agents", new JsonObject().put("name", "A")).bodyAsJsonObject()
        .getString("id");
    assertProblem(call(gus, HttpMethod.PUT, "/api/agents/" + id + "/tools/http_request", new JsonObject()
        .put("enabled", true).put("policy", new JsonObject().put("timeout_seconds", 100_000))), "timeout_seconds");
    assertProblem(call(gus, HttpMethod.PUT, "/api/agents/" + id + "/tools/rm_rf", new JsonObject()
        .put("enabled", true)), "unknown tool rm_rf");
    assertProblem(call(gus, HttpMethod.PATCH, "/api/agents/" + id, new JsonObject().put("colour", "red")),
        "unknown member colour");
  }

  @Test
  void an_admin_lists_and_creates_users_sets_quotas_and_reads_models_and_federation() throws Exception {
    ChatOwner root = ChatOwner.register(hub, servers.ejabberd(), "admin");
    ChatOwner hal = ChatOwner.register(hub, servers.ejabberd(), "hal");
    AUTH.setRole(root.user().id(), Role.ADMIN);
    assertThat(call(hal, HttpMethod.GET, "/api/admin/users", null).statusCode()).isEqualTo(403);

    String name = "ivy" + System.nanoTime() % 100_000;
    HttpResponse<Buffer> made = call(root, HttpMethod.POST, "/api/admin/users", new JsonObject().put("username", name)
        .put("role", "admin"));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    JsonObject ivy = made.bodyAsJsonObject();
    assertThat(ivy.getString("role")).isEqualTo("admin");
    servers.ejabberd().connect(name, ivy.getString("password")).disconnect(); // the XMPP account, with that password
    assertThat(call(root, HttpMethod.POST, "/api/admin/users", new JsonObject().put("username", name)).statusCode())
        .isEqualTo(409);
    assertProblem(call(root, HttpMethod.POST, "/api/admin/users", new JsonObject().put("username", "Not OK")),
        "user name must be lower-case");

    JsonArray users = call(root, HttpMethod.GET, "/api/admin/users", null).bodyAsJsonObject().getJsonArray("users");
    assertThat(users.stream().map(u -> ((JsonObject) u).getString("username"))).contains(name, hal.user().username());

    OwnerId halId = hal.user().id();
    JsonObject quota = call(root, HttpMethod.PATCH, "/api/admin/users/" + halId, new JsonObject()
        .put("quota", new JsonObject().put("max_tokens_per_day", 1234))).bodyAsJsonObject();
    assertThat(quota.getJsonObject("quota").getInteger("max_tokens_per_day")).isEqualTo(1234);
    assertProblem(call(root, HttpMethod.PATCH, "/api/admin/users/" + halId, new JsonObject()
        .put("quota", new JsonObject().put("max_tokens_per_dya", 1))), "unknown configuration key"
        + " quota_config.max_tokens_per_dya");
    assertThat(call(root, HttpMethod.PATCH, "/api/admin/users/" + java.util.UUID.randomUUID(), new JsonObject()
        .put("quota", new JsonObject())).statusCode()).isEqualTo(404);

    JsonArray models = call(root, HttpMethod.GET, "/api/admin/models", null).bodyAsJsonObject()
        .getJsonArray("models");
    assertThat(models.stream().map(m -> ((JsonObject) m).getString("name"))).containsExactly("fixture-large",
        "fixture-small");
    assertThat(call(hal, HttpMethod.GET, "/api/models", null).bodyAsJsonObject().getJsonArray("models")).hasSize(2);
    assertThat(call(hal, HttpMethod.GET, "/api/tools", null).bodyAsJsonObject().getJsonArray("tools").stream()
        .map(t -> ((JsonObject) t).getString("name"))).contains("http_request");
    assertThat(call(root, HttpMethod.GET, "/api/admin/federation", null).bodyAsJsonObject()
        .containsKey("deny_domains")).isTrue();
  }

  private static void assertProblem(HttpResponse<Buffer> r, String detail) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detail);
  }

  private static java.util.List<String> ids(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("agents").stream().map(a -> ((JsonObject) a).getString("id")).toList();
  }

  private static HttpResponse<Buffer> call(ChatOwner who, HttpMethod method, String path, JsonObject body) {
    var request = web.request(method, hub.consolePort(), "127.0.0.1", path)
        .putHeader(TrustingTestAuth.HEADER, who.user().username());
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }
}

package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.ChatOwner;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.policy.crypto.MasterKey;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.key.SecretName;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.PostgresServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.SmtpServer;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.aiox.testkit.llm.ScriptedToolModel.Call;
import io.aiox.testkit.llm.ScriptedToolModel.Calls;
import io.aiox.testkit.search.SearxngFixture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Every catalog tool end to end from a chat message (rfc/aiox-agents.md section 9.10): the owner writes to the
 * agent over real ejabberd, the model (a scripted OpenAI-compatible fixture) asks for the tool, the hub runs it
 * against a real server of its kind (the SearXNG-compatible search fixture, a local web server, bubblewrap and
 * Python, aiosmtpd over STARTTLS, a second PostgreSQL database) and the model answers with the result.
 */
@ExtendWith(RealServers.class)
class CatalogChatIT {
  private static Hub hub;
  private static TestServers servers;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;
  private static ScriptedToolModel model;
  private static Vertx vertx;
  private static HttpServer web;
  private static SearxngFixture search;
  private static SmtpServer smtp;
  private static Path masterKey;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    vertx = Vertx.vertx();
    web = vertx.createHttpServer().requestHandler(req -> req.response().putHeader("content-type", "text/html")
        .end("<html><body><h1>Opening hours</h1><p>The library opens at nine.</p></body></html>"))
        .listen(0, "127.0.0.1").await();
    search = SearxngFixture.start(vertx, List.of(new SearxngFixture.Doc("Prosody and ejabberd compared",
        "https://example.org/xmpp-servers", "Two XMPP servers side by side.")));
    smtp = servers.smtp(true);
    model = ScriptedToolModel.start(CatalogChatIT::script);
    masterKey = Files.createTempFile("aiox-master", ".key");
    Files.writeString(masterKey, MasterKey.generate().hex());
    JsonObject config = TestHubConfig.json(servers);
    config.put("security", new JsonObject().put("master_key_file", masterKey.toString()));
    config.put("inference", new JsonObject().put("default_model", "scripted")
        .put("models", new JsonObject().put("scripted", new JsonObject().put("provider", "openai")
            .put("base_url", model.baseUrl()).put("model", "scripted").put("timeout_seconds", 60))));
    config.put("tools", new JsonObject()
        .put("search_api", new JsonObject().put("url", search.url()))
        .put("email_sender", new JsonObject().put("host", smtp.host()).put("port", smtp.port())
            .put("from", "agent@hub.test").put("trust_file", servers.smtpCa().certificate().toString())));
    HubConfig hubConfig = HubConfig.fromJson(config);
    hub = Hub.start(hubConfig);
    ChatOwner chatOwner = ChatOwner.register(hub, ejabberd, "cataloguer");
    owner = chatOwner.xmpp();
    ownerUser = chatOwner.user();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
    Vault.create(hub.vertx(), hub.database(), agents, hubConfig.security())
        .setSecret(ownerUser.id(), new SecretName("db:shop"), shopDatabase()).await();
  }

  @AfterAll
  static void stop() throws Exception {
    owner.disconnect();
    hub.close();
    model.close();
    search.close();
    vertx.close().await();
    Files.deleteIfExists(masterKey);
  }

  /** A database of the owner's with one table the agent may read. */
  private static String shopDatabase() throws Exception {
    PostgresServer pg = servers.postgres();
    String db = pg.newDatabase();
    try (Connection c = pg.adminConnection(db); Statement st = c.createStatement()) {
      st.execute("CREATE ROLE catalog_reader LOGIN PASSWORD 'reader-pw'");
      st.execute("CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL)");
      st.execute("INSERT INTO orders VALUES (1, 'blue teapot'), (2, 'green mug')");
      st.execute("GRANT SELECT ON orders TO catalog_reader");
    }
    return "postgresql://catalog_reader:reader-pw@" + pg.host() + ":" + pg.port() + "/" + db;
  }

  /** "call TOOL {arguments}" makes the model call TOOL; after a tool result it answers with it. */
  private static ScriptedToolModel.Step script(JsonObject body) {
    JsonArray messages = body.getJsonArray("messages");
    JsonObject last = messages.getJsonObject(messages.size() - 1);
    if ("tool".equals(last.getString("role"))) {
      return new Answer("tool said: " + last.getString("content"));
    }
    String user = String.valueOf(last.getValue("content"));
    int space = user.indexOf(' ', 5);
    return new Calls(List.of(new Call(user.substring(5, space), user.substring(space + 1))));
  }

  private static EntityBareJid agent(String tool, JsonObject policy) throws Exception {
    Agent a = agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", "Uses " + tool),
        new JsonObject().put("model", "scripted").put("max_tokens", 64), null, null, null, Visibility.PRIVATE))
        .await();
    new AgentToolRepository(hub.database().ownerScope()).enable(ownerUser.id(), a.id(), tool, policy).await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  private static String ask(EntityBareJid jid, String tool, JsonObject arguments) throws Exception {
    Message answer = AgentChat.ask(owner, jid, "call " + tool + " " + arguments.encode(), Duration.ofSeconds(60));
    assertThat(answer.getType()).as(() -> String.valueOf(answer.getError())).isEqualTo(Message.Type.chat);
    return answer.getBody();
  }

  private static JsonObject local() {
    return new JsonObject().put("allowed_domains", new JsonArray().add("127.0.0.1"))
        .put("allowed_addresses", new JsonArray().add("127.0.0.1"));
  }

  @Test
  void search_api_answers_from_the_operators_search_endpoint() throws Exception {
    String answer = ask(agent("search_api", new JsonObject()), "search_api",
        new JsonObject().put("query", "xmpp servers"));
    assertThat(answer).contains("Prosody and ejabberd compared").contains("https://example.org/xmpp-servers");
  }

  @Test
  void document_parser_reads_a_web_page_the_policy_allows() throws Exception {
    String answer = ask(agent("document_parser", local()), "document_parser",
        new JsonObject().put("document", "http://127.0.0.1:" + web.actualPort() + "/hours.html"));
    assertThat(answer).contains("The library opens at nine.");
  }

  @Test
  void code_executor_runs_python_in_its_sandbox() throws Exception {
    String answer = ask(agent("code_executor", new JsonObject().put("requires_approval", false)), "code_executor",
        new JsonObject().put("language", "python").put("code", "print(6 * 7)"));
    assertThat(answer).contains("42").contains("exit_code");
  }

  @Test
  void email_sender_delivers_over_starttls() throws Exception {
    int before = smtp.received().size();
    String answer = ask(agent("email_sender", new JsonObject().put("requires_approval", false)
        .put("allowed_domains", new JsonArray().add("example.test"))), "email_sender", new JsonObject()
        .put("to", new JsonArray().add("ann@example.test")).put("subject", "From the catalog test")
        .put("body", "Hello Ann"));
    assertThat(answer).contains("message_id");
    assertThat(smtp.awaitReceived(before + 1, Duration.ofSeconds(10))).anySatisfy(m ->
        assertThat(m).contains("Subject: From the catalog test"));
  }

  @Test
  void database_query_reads_an_allowed_table_of_the_owners_database() throws Exception {
    String answer = ask(agent("database_query", local().put("connection", "shop")
        .put("allowed_tables", new JsonArray().add("orders"))), "database_query", new JsonObject()
        .put("table", "orders").put("query", "SELECT item FROM orders ORDER BY id"));
    assertThat(answer).contains("blue teapot").contains("green mug");
  }
}

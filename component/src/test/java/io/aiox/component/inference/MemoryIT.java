package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.component.PromptTap;
import io.aiox.component.AgentChat;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.policy.tool.ToolCatalog;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.inference.InferenceVerticle;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.ListMultiFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Long-term memory end to end over XMPP with the generated gemma3 model: the prompt each turn was built from is read
 * from the inference verticle's prompt tap ({@link InferenceVerticle#PROMPT_ADDRESS}), so the tests see exactly
 * what the model was given. Ad-hoc commands are rfc/aiox-agents.md section 8.
 */
@ExtendWith(RealServers.class)
class MemoryIT {
  private static final JsonObject LONG_TERM = new JsonObject().put("long_term_enabled", true);

  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection alice;
  private static XMPPTCPConnection bob;
  private static User aliceUser;
  private static User bobUser;
  private static AgentRepository agents;
  private static HttpServer documents;
  private static PromptTap prompts;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    config.put("inference", new JsonObject().put("default_model", "demo").put("models", new JsonObject()
        .put("demo", new JsonObject().put("path", DemoModelFixture.model().toString()).put("context_size", 4096)
            .put("threads", 2).put("slots", 2).put("demo", true))));
    hub = Hub.start(HubConfig.fromJson(config));
    prompts = PromptTap.on(hub.vertx());
    UserRepository users = new UserRepository(hub.database().ownerScope());
    alice = ejabberd.newUser("mem-alice");
    bob = ejabberd.newUser("mem-bob");
    for (XMPPTCPConnection c : List.of(alice, bob)) {
      c.setReplyTimeout(60_000); // the first memory command loads the embedding model
    }
    aliceUser = users.create(alice.getUser().getLocalpart().toString(), alice.getUser().asBareJid().toString()).await();
    bobUser = users.create(bob.getUser().getLocalpart().toString(), bob.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
    documents = hub.vertx().createHttpServer().requestHandler(req -> req.response()
        .putHeader("content-type", "text/plain; charset=utf-8")
        .end("Visitors sign in at the front desk.\n\nThe server room door code is 5150.")).listen(0, "127.0.0.1")
        .await();
  }

  @AfterAll
  static void stop() {
    alice.disconnect();
    bob.disconnect();
    documents.close().await();
    hub.close();
  }

  @Test
  void a_fact_told_in_one_conversation_is_recalled_in_a_later_one_after_the_short_term_context_was_reset()
      throws Exception {
    Agent agent = agent(aliceUser, "Recaller");
    EntityBareJid jid = jid(agent);
    assertThat(ask(alice, jid, "Remember this: my cat is named Whiskers.").getType()).isEqualTo(Message.Type.chat);
    awaitMemories(agent, 1);

    RemoteCommand reset = AdHocCommandManager.getAddHocCommandsManager(alice).getRemoteCommand(jid, "reset");
    reset.execute();
    assertThat(reset.getStatus()).isEqualTo(AdHocCommand.Status.completed);

    assertThat(ask(alice, jid, "What is the name of my cat?").getType()).isEqualTo(Message.Type.chat);
    JsonObject prompt = promptFor(agent, "What is the name of my cat?");
    assertThat(prompt.getInteger("history")).as("the short-term context was reset").isZero();
    assertThat(prompt.getString("system")).contains("Long-term memory")
        .contains("[turn conversation with " + alice.getUser().asBareJid())
        .contains("User: Remember this: my cat is named Whiskers.");
  }

  @Test
  void two_owners_with_near_identical_memories_each_get_only_their_own_in_the_prompt() throws Exception {
    Agent a = agent(aliceUser, "Locker A");
    Agent b = agent(bobUser, "Locker B");
    remember(alice, jid(a), "The code of my locker is 1234.");
    remember(bob, jid(b), "The code of my locker is 9876.");
    ask(alice, jid(a), "What is my locker code?");
    ask(bob, jid(b), "What is my locker code?");
    assertThat(promptFor(a, "What is my locker code?").getString("system")).contains("1234").doesNotContain("9876");
    assertThat(promptFor(b, "What is my locker code?").getString("system")).contains("9876").doesNotContain("1234");
  }

  @Test
  void the_owner_lists_and_forgets_memories_with_ad_hoc_commands() throws Exception {
    Agent agent = agent(aliceUser, "Forgetful");
    EntityBareJid jid = jid(agent);
    remember(alice, jid, "The boiler was serviced in May.");
    remember(alice, jid, "The plumber's number is 555-0199.");
    DataForm listed = run(alice, jid, "memories").getForm();
    assertThat(listed.getItems()).hasSize(2);
    assertThat(listed.getItems()).flatExtracting(i -> i.getFields()).filteredOn(f -> f.getFieldName().equals("content"))
        .extracting(f -> f.getFirstValue().toString())
        .containsExactlyInAnyOrder("The boiler was serviced in May.", "The plumber's number is 555-0199.");

    RemoteCommand forget = AdHocCommandManager.getAddHocCommandsManager(alice).getRemoteCommand(jid, "forget");
    forget.execute();
    assertThat(forget.getStatus()).isEqualTo(AdHocCommand.Status.executing);
    FillableForm form = new FillableForm(forget.getForm());
    String plumber = ((ListMultiFormField) forget.getForm().getField("memories")).getOptions().stream()
        .filter(o -> o.getLabel().contains("plumber")).findFirst().orElseThrow().getValueString();
    form.setAnswer("memories", List.of(plumber));
    forget.complete(form);
    assertThat(forget.getNotes().get(0).getValue()).isEqualTo("Forgot 1 memory.");
    assertThat(run(alice, jid, "memories").getForm().getItems()).hasSize(1);

    assertThatThrownBy(() -> AdHocCommandManager.getAddHocCommandsManager(bob).getRemoteCommand(jid, "memories")
        .execute()).isInstanceOfSatisfying(XMPPErrorException.class,
            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
  }

  @Test
  void a_document_url_is_added_under_the_agents_network_rule_and_recalled() throws Exception {
    Agent agent = agent(aliceUser, "Reader");
    EntityBareJid jid = jid(agent);
    String url = "http://127.0.0.1:" + documents.actualPort() + "/office.txt";
    assertThatThrownBy(() -> addDocument(jid, url)).isInstanceOfSatisfying(XMPPErrorException.class, e -> {
      assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
      assertThat(e.getStanzaError().getDescriptiveText()).contains("http_request");
    });

    new AgentToolRepository(hub.database().ownerScope()).enable(aliceUser.id(), agent.id(), ToolCatalog.HTTP_REQUEST,
        new JsonObject().put("allowed_domains", new JsonArray().add("127.0.0.1"))
            .put("allowed_addresses", new JsonArray().add("127.0.0.1/32"))).await();
    RemoteCommand added = addDocument(jid, url);
    assertThat(added.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    assertThat(added.getNotes().get(0).getValue()).contains("1 chunk");

    ask(alice, jid, "What is the code of the server room?");
    assertThat(promptFor(agent, "What is the code of the server room?").getString("system"))
        .contains("[document " + url).contains("5150");
  }

  /** rfc 8 and 9.3: a host made of numbers is an address as the C library reads it, and '*' admits no address. */
  @Test
  void a_document_url_with_a_numeric_loopback_host_is_a_policy_violation_audited_and_never_connected()
      throws Exception {
    AtomicInteger connections = new AtomicInteger();
    NetServer listener = hub.vertx().createNetServer().connectHandler(socket -> {
      connections.incrementAndGet();
      socket.close();
    }).listen(0, "127.0.0.1").await();
    try {
      Agent agent = agent(aliceUser, "Numbers");
      new AgentToolRepository(hub.database().ownerScope()).enable(aliceUser.id(), agent.id(),
          ToolCatalog.HTTP_REQUEST, new JsonObject().put("allowed_domains", new JsonArray().add("*"))).await();
      for (String host : List.of("127.1", "0x7f.1")) {
        String url = "http://" + host + ":" + listener.actualPort() + "/";
        assertThatThrownBy(() -> addDocument(jid(agent), url)).isInstanceOfSatisfying(XMPPErrorException.class, e -> {
          assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
          assertThat(e.getStanzaError().getDescriptiveText()).contains(host + " (127.0.0.1) is an IP address not in");
        });
        assertThat(refusedDocuments(agent, url)).singleElement().asString().contains("names, not addresses");
      }
      assertThat(connections.get()).as("no connection reached the listener").isZero();
    } finally {
      listener.close().await();
    }
  }

  /** The reasons of the agent's refused {@code memory.document} audit entries for this URL. */
  private static List<String> refusedDocuments(Agent agent, String url) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT details->>'reason' FROM audit_logs WHERE agent_id = ? AND event_type = 'memory.document'"
            + " AND details->>'outcome' = 'refused' AND details->>'url' = ?")) {
      q.setObject(1, agent.id().value());
      q.setString(2, url);
      ResultSet rs = q.executeQuery();
      List<String> reasons = new ArrayList<>();
      while (rs.next()) {
        reasons.add(rs.getString(1));
      }
      return reasons;
    }
  }

  private static RemoteCommand addDocument(EntityBareJid jid, String url) throws Exception {
    RemoteCommand doc = AdHocCommandManager.getAddHocCommandsManager(alice).getRemoteCommand(jid, "document");
    doc.execute();
    FillableForm form = new FillableForm(doc.getForm());
    form.setAnswer("url", url);
    doc.complete(form);
    return doc;
  }

  private static void remember(XMPPTCPConnection owner, EntityBareJid jid, String fact) throws Exception {
    RemoteCommand remember = AdHocCommandManager.getAddHocCommandsManager(owner).getRemoteCommand(jid, "remember");
    remember.execute();
    assertThat(remember.getStatus()).isEqualTo(AdHocCommand.Status.executing);
    FillableForm form = new FillableForm(remember.getForm());
    form.setAnswer("text", List.of(fact));
    remember.complete(form);
    assertThat(remember.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    assertThat(remember.getNotes().get(0).getValue()).isEqualTo("Remembered: " + fact);
  }

  private static RemoteCommand run(XMPPTCPConnection owner, EntityBareJid jid, String node) throws Exception {
    RemoteCommand command = AdHocCommandManager.getAddHocCommandsManager(owner).getRemoteCommand(jid, node);
    command.execute();
    assertThat(command.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    return command;
  }

  private static Agent agent(User owner, String name) {
    return agents.create(owner.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("model", "demo").put("max_tokens", 8), null, LONG_TERM, null, Visibility.PRIVATE))
        .await();
  }

  private static EntityBareJid jid(Agent agent) throws Exception {
    return JidCreate.entityBareFrom(agent.jid().toString());
  }

  private static JsonObject promptFor(Agent agent, String message) throws InterruptedException {
    return prompts.promptFor(agent, message);
  }


  /** Remembering runs after the reply is sent; wait until the exchange is stored. */
  private static void awaitMemories(Agent agent, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
          "SELECT count(*) FROM agent_memories WHERE agent_id = ?")) {
        q.setObject(1, agent.id().value());
        ResultSet rs = q.executeQuery();
        rs.next();
        if (rs.getInt(1) >= n) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the exchange with " + agent.id() + " was not remembered");
  }

  private static Message ask(XMPPTCPConnection from, EntityBareJid jid, String body) throws Exception {
    return AgentChat.ask(from, jid, body, Duration.ofSeconds(60));
  }
}

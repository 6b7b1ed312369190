package io.aiox.component.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.AgentRows;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.inference.DemoModelFixture;
import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.a2a.Chain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Agent to agent on one hub (rfc/aiox-agents.md, "Agent to agent"), over real ejabberd with the generated gemma3
 * model: an agent consults another and uses its answer; two agents set to consult each other stop at the hop limit.
 */
@ExtendWith(RealServers.class)
class AgentToAgentIT {
  private static final String NAMESPACE = AgentToAgent.NAMESPACE;
  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;

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
    owner = ejabberd.newUser("chainer");
    ownerUser = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    hub.close();
  }

  private static Agent agent(String name) throws Exception {
    return agent(ownerUser, name);
  }

  private static Agent agent(User owner, String name) throws Exception {
    return agents.create(owner.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("model", "demo").put("max_tokens", 8), null, null, null, Visibility.PUBLIC)).await();
  }

  /** A scalar from the admin connection (row-level security does not apply to it). */
  private static long count(String sql, Object param) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, param);
      ResultSet rs = q.executeQuery();
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static void consults(Agent who, Agent... others) throws Exception {
    JsonArray jids = new JsonArray();
    for (Agent o : others) {
      jids.add(o.jid().toString());
    }
    consults(who, jids);
  }

  private static void consults(Agent who, JsonArray jids) throws Exception {
    AgentRows.consults(servers, database, who, jids);
  }

  /** Executions of {@code agent}, oldest first: peer, output, calls, status. */
  private static List<JsonObject> executions(Agent agent) throws Exception {
    return AgentRows.executions(servers, database, agent);
  }

  private static List<JsonObject> audit(String type) throws Exception {
    return audit(ownerUser, type);
  }

  private static List<JsonObject> audit(User of, String type) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT actor, details::text FROM audit_logs WHERE owner_user_id = ? AND event_type = ? ORDER BY seq")) {
      q.setObject(1, of.id().value());
      q.setString(2, type);
      ResultSet rs = q.executeQuery();
      List<JsonObject> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new JsonObject().put("actor", rs.getString(1)).put("details", new JsonObject(rs.getString(2))));
      }
      return out;
    }
  }

  @Test
  void an_agent_consults_another_agent_and_uses_its_answer() throws Exception {
    Agent expert = agent("Expert");
    Agent asker = agent("Asker");
    consults(asker, expert);

    assertThat(ask(asker, "What do you know about XMPP?").getType()).isEqualTo(Message.Type.chat);

    List<JsonObject> expertTurns = executions(expert);
    assertThat(expertTurns).hasSize(1);
    assertThat(expertTurns.get(0).getString("peer")).startsWith(asker.jid().toString());
    JsonArray calls = executions(asker).get(0).getJsonArray("calls");
    assertThat(calls).hasSize(1);
    assertThat(calls.getJsonObject(0).getString("to")).isEqualTo(expert.jid().toString());
    assertThat(calls.getJsonObject(0).getString("answer")).as("the answer the expert sent")
        .isEqualTo(expertTurns.get(0).getString("output"));
    assertThat(audit("a2a.ask")).anySatisfy(e -> {
      assertThat(e.getString("actor")).isEqualTo(asker.jid().toString());
      assertThat(e.getJsonObject("details").getString("origin")).isEqualTo(owner.getUser().asBareJid().toString());
    });
  }

  @Test
  void a_hop_to_another_owners_agent_is_charged_to_the_owner_who_started_the_chain() throws Exception {
    UserRepository users = new UserRepository(hub.database().ownerScope());
    long n = System.nanoTime();
    User payer = users.create("payer-" + n, "payer-" + n + "@" + servers.ejabberd().domain()).await();
    User other = users.create("expert-owner-" + n, "expert-owner-" + n + "@" + servers.ejabberd().domain()).await();
    Agent expert = agent(other, "Someone else's expert");
    Agent asker = agent(payer, "Asker paying");
    consults(asker, expert);

    assertThat(ask(asker, "Ask the expert.").getType()).isEqualTo(Message.Type.chat);

    assertThat(executions(expert)).singleElement();
    // settlement is written when each turn ends, which may be just after the reply
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long expertTokens;
    long askerTokens;
    long paid;
    do {
      Thread.sleep(100);
      expertTokens = count("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", expert.id().value());
      askerTokens = count("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", asker.id().value());
      paid = count("SELECT tokens_used_today FROM user_quotas WHERE user_id = ?", payer.id().value());
    } while ((expertTokens == 0 || askerTokens == 0 || paid != expertTokens + askerTokens)
        && System.nanoTime() < deadline);
    assertThat(expertTokens).as("the expert's own counters still see its turn").isPositive();
    assertThat(paid).as("the chain's owner pays for both turns").isEqualTo(askerTokens + expertTokens);
    assertThat(count("SELECT count(*) FROM user_quotas WHERE user_id = ?", other.id().value()))
        .as("the expert's owner pays nothing").isZero();
    assertThat(audit(payer, "a2a.ask")).singleElement().satisfies(e ->
        assertThat(e.getJsonObject("details").getString("charged_to")).isEqualTo(payer.id().toString()));
  }

  @Test
  void two_agents_set_to_consult_each_other_stop_at_the_hop_limit() throws Exception {
    Agent ping = agent("Ping");
    Agent pong = agent("Pong");
    consults(ping, pong);
    consults(pong, ping);

    assertThat(ask(ping, "Start a loop.").getType()).isEqualTo(Message.Type.chat);

    // the person's turn, then one turn per hop up to the limit: Ping, Pong, Ping, Pong
    assertThat(executions(ping).size() + executions(pong).size()).isEqualTo(Chain.MAX_HOPS + 1);
    assertThat(executions(ping)).allSatisfy(e -> assertThat(e.getString("status")).isEqualTo("completed"));
    assertThat(audit("a2a.hop_limit")).singleElement().satisfies(e ->
        assertThat(e.getJsonObject("details").getInteger("hops")).isEqualTo(Chain.MAX_HOPS));
    Thread.sleep(1_000); // nothing further may start once the answers are back
    assertThat(executions(ping).size() + executions(pong).size()).isEqualTo(Chain.MAX_HOPS + 1);
  }

  /**
   * The payer is an owner's id inside this hub: a question to a JID outside the agents domain (here a person on the
   * users' domain; another server's agent alike) carries none, while the chain's other fields still go along.
   */
  @Test
  void a_question_leaving_the_agents_domain_names_no_payer() throws Exception {
    Agent asker = agent("Asker of an outsider");
    XMPPTCPConnection outsider = servers.ejabberd().newUser("outsider");
    try (StanzaCollector questions = outsider.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
        FromMatchesFilter.createBare(JidCreate.entityBareFrom(asker.jid().toString()))))) {
      consults(asker, new JsonArray().add(outsider.getUser().asBareJid().toString()));
      CompletableFuture<Message> reply = CompletableFuture.supplyAsync(() -> {
        try {
          return ask(asker, "Ask the outsider.");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Message question = questions.nextResult(30_000);
      assertThat(question).as("the question to the outsider").isNotNull();
      StandardExtensionElement chain = (StandardExtensionElement) question.getExtensionElement("ask", NAMESPACE);
      assertThat(chain.getAttributeValue("hops")).isEqualTo("1");
      assertThat(chain.getAttributeValue("payer")).isNull();
      outsider.sendStanza(outsider.getStanzaFactory().buildMessageStanza().to(question.getFrom())
          .ofType(Message.Type.chat).setBody("the outsider's answer").addExtension(StandardExtensionElement
              .builder("answer", NAMESPACE).addAttribute("to", chain.getAttributeValue("id")).build()).build());
      assertThat(reply.get(90, TimeUnit.SECONDS).getType()).isEqualTo(Message.Type.chat);
    } finally {
      outsider.disconnect();
    }
    assertThat(executions(asker).get(0).getJsonArray("calls").getJsonObject(0).getString("answer"))
        .isEqualTo("the outsider's answer");
  }

  /** A question from outside the agents domain that names a payer is charged as if it named none. */
  @Test
  void a_payer_named_from_outside_the_agents_domain_is_ignored() throws Exception {
    UserRepository users = new UserRepository(hub.database().ownerScope());
    long n = System.nanoTime();
    User victim = users.create("victim-" + n, "victim-" + n + "@" + servers.ejabberd().domain()).await();
    Agent agent = agent("Asked from outside");
    XMPPTCPConnection forger = servers.ejabberd().newUser("forger");
    try (StanzaCollector replies = forger.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
        FromMatchesFilter.createBare(JidCreate.entityBareFrom(agent.jid().toString()))))) {
      forger.sendStanza(forger.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.entityBareFrom(agent.jid().toString())).ofType(Message.Type.chat).setBody("Charge someone else.")
          .addExtension(StandardExtensionElement.builder("ask", NAMESPACE).addAttribute("id", "forged-" + n)
              .addAttribute("hops", "1").addAttribute("origin", forger.getUser().asBareJid().toString())
              .addAttribute("payer", victim.id().toString()).build()).build());
      Message answer = replies.nextResult(90_000);
      assertThat(answer).isNotNull();
      assertThat(answer.getType()).isEqualTo(Message.Type.chat);
    } finally {
      forger.disconnect();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (count("SELECT count(*) FROM agent_quota_days WHERE agent_id = ?", agent.id().value()) == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(count("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", agent.id().value())).isPositive();
    assertThat(count("SELECT count(*) FROM user_quotas WHERE user_id = ?", victim.id().value()))
        .as("the owner the forged payer names pays nothing").isZero();
  }

  private static Message ask(Agent agent, String body) throws Exception {
    return AgentChat.ask(owner, JidCreate.entityBareFrom(agent.jid().toString()), body, Duration.ofSeconds(90));
  }
}

package io.aiox.component.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.RedisServer;
import io.aiox.testkit.TestServers;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.Turns;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Quotas end to end over ejabberd (rfc sections 7 and 8): a spent limit comes back as {@code policy-violation}
 * naming the limit and its reset, too many running turns as {@code resource-constraint}, the {@code quota} command
 * shows what is left, and with Redis gone every turn is refused as {@code service-unavailable} until it returns.
 * The hub has a Redis of its own so that stopping it disturbs no other test; an echo consumer answers turns and
 * reports 150 prompt and 100 completion tokens.
 */
@ExtendWith(RealServers.class)
class QuotaIT {
  private static final int PROMPT_TOKENS = 150;
  private static final int COMPLETION_TOKENS = 100;

  private static RedisServer redis;
  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;
  /** Turns whose body starts with "hold" wait here until the test lets them answer. */
  private static final Map<String, io.vertx.core.eventbus.Message<TurnRequest>> held = new ConcurrentHashMap<>();

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    redis = RedisServer.start(ProjectRoot.get(), servers.dir().resolve("redis-quota-it"));
    JsonObject config = TestHubConfig.json(servers);
    config.getJsonObject("redis").put("uri", redis.uri());
    database = config.getJsonObject("database").getString("database");
    hub = Hub.start(HubConfig.fromJson(config));
    hub.vertx().eventBus().<TurnRequest>consumer(Turns.ADDRESS, m -> {
      String body = m.body().body();
      if (body.startsWith("hold")) {
        held.put(body, m);
      } else {
        m.reply(echo(body));
      }
    });
    owner = ejabberd.newUser("spender");
    ownerUser = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    hub.close();
    redis.close();
  }

  private static TurnReply echo(String body) {
    return TurnReply.counted("echo: " + body, null, null, PROMPT_TOKENS, COMPLETION_TOKENS);
  }

  private static Agent agent(String name, JsonObject governance) {
    return agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("max_tokens", 100), new JsonObject(), new JsonObject(), governance,
        Visibility.PRIVATE)).await();
  }

  private static EntityBareJid jid(Agent agent) throws Exception {
    return JidCreate.entityBareFrom(agent.jid().toString());
  }

  @Test
  void a_spent_token_limit_refuses_the_next_message_saying_what_ran_out_and_when_it_resets() throws Exception {
    Agent agent = agent("Frugal", new JsonObject().put("max_tokens_per_minute", 300));
    EntityBareJid jid = jid(agent);
    assertThat(ask(jid, "hello").getBody()).isEqualTo("echo: hello");

    Message refused = ask(jid, "and again");
    assertThat(refused.getType()).isEqualTo(Message.Type.error);
    assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
    assertThat(refused.getError().getDescriptiveText())
        .contains("this agent's tokens per minute limit (300) has 50 tokens left, and this message needs up to")
        .containsPattern("enough frees up at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
    assertThat(awaitAudit(agent, "quota.exceeded")).contains("\"limit\": \"max_tokens_per_minute\"");

    RemoteCommand quota = AdHocCommandManager.getAddHocCommandsManager(owner).getRemoteCommand(jid, "quota");
    quota.execute();
    assertThat(quota.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    assertThat(quota.getForm().getField("max_tokens_per_minute").getFirstValue()).isEqualTo("300");
    assertThat(Long.parseLong(quota.getForm().getField("tokens_minute").getFirstValue()))
        .as("the owner's tokens in the last minute, this agent's turn among them")
        .isGreaterThanOrEqualTo(PROMPT_TOKENS + COMPLETION_TOKENS);
    assertThat(quota.getForm().getField("agent.max_tokens_per_minute").getFirstValue())
        .startsWith("50 of 300 left (used 250); resets at ");
    assertThat(quota.getForm().getField("agent.max_messages_per_minute").getFirstValue())
        .as("a refused message is not counted").startsWith("119 of 120 left (used 1)");
  }

  @Test
  void a_message_while_the_agents_turns_are_all_running_gets_resource_constraint() throws Exception {
    Agent agent = agent("Single", new JsonObject().put("max_concurrent_turns", 1));
    EntityBareJid jid = jid(agent);
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      send(jid, "hold one");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!held.containsKey("hold one") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Message busy = ask(jid, "meanwhile");
      assertThat(busy.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
      assertThat(busy.getError().getDescriptiveText()).contains("concurrent turns limit (1) is reached");

      held.remove("hold one").reply(echo("hold one"));
      Message answer = next(replies);
      while (answer.getType() == Message.Type.error) {
        answer = next(replies); // the refusal of "meanwhile" came to this collector too
      }
      assertThat(answer.getBody()).isEqualTo("echo: hold one");
    }
    assertThat(ask(jid, "now").getBody()).as("the slot was freed when the turn ended").isEqualTo("echo: now");
  }

  @Test
  void with_redis_stopped_every_message_is_refused_clearly_and_answers_resume_when_it_returns() throws Exception {
    Agent agent = agent("Steadfast", new JsonObject());
    EntityBareJid jid = jid(agent);
    assertThat(ask(jid, "before").getBody()).isEqualTo("echo: before");
    redis.stop();
    try {
      for (int i = 0; i < 3; i++) {
        Message refused = ask(jid, "while down " + i);
        assertThat(refused.getType()).isEqualTo(Message.Type.error);
        assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(refused.getError().getDescriptiveText())
            .isEqualTo("no turn can run now: the hub cannot check quotas because Redis is unreachable; try again"
                + " shortly");
      }
    } finally {
      redis.restart();
    }
    assertThat(awaitAudit(agent, "quota.unavailable")).as("PostgreSQL was up, so the refusals were audited")
        .contains("Redis");
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Message answer = ask(jid, "after");
    while (answer.getType() == Message.Type.error && System.nanoTime() < deadline) {
      Thread.sleep(200);
      answer = ask(jid, "after " + System.nanoTime());
    }
    assertThat(answer.getBody()).startsWith("echo: after");
  }

  private static void send(EntityBareJid jid, String body) throws Exception {
    owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
        .setBody(body).build());
  }

  /** The first answer or error to {@code body} (chat states skipped). */
  private static Message ask(EntityBareJid jid, String body) throws Exception {
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      send(jid, body);
      return next(replies);
    }
  }

  private static Message next(StanzaCollector replies) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Message m = replies.nextResult(1_000);
      if (m != null && (m.getType() == Message.Type.error || m.getBody() != null)) {
        return m;
      }
    }
    throw new AssertionError("no answer");
  }

  /** The details of the agent's latest audit entry of this type, waiting for it to be written. */
  private static String awaitAudit(Agent agent, String type) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
          "SELECT details::text FROM audit_logs WHERE agent_id = ? AND event_type = ? ORDER BY seq DESC LIMIT 1")) {
        q.setObject(1, agent.id().value());
        q.setString(2, type);
        ResultSet rs = q.executeQuery();
        if (rs.next()) {
          return rs.getString(1);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + type + " audit entry for " + agent.jid());
  }
}

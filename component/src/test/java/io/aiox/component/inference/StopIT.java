package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.xmpp.chat.ChatHandler;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.GgufChatServer;
import io.aiox.worker.turn.StaleTurns;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * rfc/aiox-agents.md section 6, "Stop": a stop during a slowly streamed remote answer, the fallback model that must
 * not be asked, a stop with nothing running, the literal word, and the executions a stopped hub left running.
 */
@ExtendWith(RealServers.class)
class StopIT {
  private static final int TIMEOUT_SECONDS = 60;

  private static Hub hub;
  private static TestServers servers;
  private static JsonObject config;
  private static String database;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;
  private static GgufChatServer slow;
  private static GgufChatServer fallback;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    slow = GgufChatServer.start(DemoModelFixture.model(), "gemma3-slow", 1);
    fallback = GgufChatServer.start(DemoModelFixture.model(), "gemma3-fallback", 1);
    config.put("inference", new JsonObject().put("default_model", "slow").put("models", new JsonObject()
        .put("slow", remote(slow, "gemma3-slow")).put("fallback", remote(fallback, "gemma3-fallback"))));
    hub = Hub.start(HubConfig.fromJson(config));
    owner = ejabberd.newUser("stopper");
    ownerUser = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  private static JsonObject remote(GgufChatServer server, String model) {
    return new JsonObject().put("provider", "openai").put("base_url", server.baseUrl()).put("model", model)
        .put("slots", 1).put("timeout_seconds", TIMEOUT_SECONDS);
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    hub.close();
    slow.close();
    fallback.close();
  }

  @Test
  void stop_mid_stream_answers_with_the_partial_text_records_the_streaming_model_and_never_asks_the_fallback()
      throws Exception {
    EntityBareJid jid = agent("Storyteller", new JsonObject().put("model", "slow").put("max_tokens", 2_000)
        .put("fallbacks", new JsonArray().add("fallback")));
    slow.paceStream(100);
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      int before = slow.streamedPieces();
      send(jid, "Write a very long story.");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (slow.streamedPieces() < before + 5 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(slow.streamedPieces() - before).as("pieces streamed before the stop").isGreaterThanOrEqualTo(5);
      send(jid, "stop");
      Message answer = nextBody(replies, Duration.ofSeconds(15));
      assertThat(answer.getType()).isEqualTo(Message.Type.chat);
      assertThat(answer.getBody()).endsWith(" (stopped: stopped by the peer)");
      assertThat(answer.getBody().replace("(stopped: stopped by the peer)", "")).as("the partial text").isNotBlank();
    } finally {
      slow.paceStream(0);
    }
    Thread.sleep(1_000); // a fallback asked after the stop would be asked by now
    assertThat(fallback.requests()).as("requests to the fallback model").isEmpty();
    JsonObject row = lastExecution(jid);
    assertThat(row.getString("status")).isEqualTo("cancelled");
    assertThat(row.getString("model")).isEqualTo("slow");
    assertThat(row.getString("provider")).isEqualTo("openai " + slow.baseUrl());
    assertThat(row.getString("output")).endsWith("(stopped: stopped by the peer)");
  }

  @Test
  void stop_with_nothing_running_is_answered_that_there_is_nothing_to_stop() throws Exception {
    EntityBareJid jid = agent("Idle", new JsonObject().put("model", "slow").put("max_tokens", 4));
    Message answer = AgentChat.ask(owner, jid, "  Stop ", Duration.ofSeconds(10));
    assertThat(answer.getType()).isEqualTo(Message.Type.chat);
    assertThat(answer.getBody()).isEqualTo(ChatHandler.NOTHING_TO_STOP);
    assertThat(executions(jid)).as("a stop starts no turn").isZero();
  }

  @Test
  void the_word_stop_with_anything_around_it_goes_to_the_model() throws Exception {
    EntityBareJid jid = agent("Literal", new JsonObject().put("model", "slow").put("max_tokens", 4));
    Message answer = AgentChat.ask(owner, jid, "stop.", Duration.ofSeconds(30));
    assertThat(answer.getType()).isEqualTo(Message.Type.chat);
    assertThat(answer.getBody()).isNotEqualTo(ChatHandler.NOTHING_TO_STOP);
    assertThat(lastExecution(jid).getString("status")).isEqualTo("completed");
    assertThat(slow.requests().getLast().getJsonArray("messages").encode()).contains("stop.");
  }

  @Test
  void a_hub_that_starts_settles_the_turns_a_stopped_hub_left_running_and_leaves_live_ones_alone()
      throws Exception {
    EntityBareJid jid = agent("Orphaned", new JsonObject().put("model", "slow"));
    UUID orphaned = runningExecution(jid, "1 hour");
    UUID live = runningExecution(jid, "10 seconds");
    // a second hub on the same database, as a restarted one would be (it also says, at SEVERE, that another
    // instance of the domain is live while it is not clustered)
    Hub second = Hub.start(HubConfig.fromJson(config));
    try {
      JsonObject settled = execution(orphaned);
      assertThat(settled.getString("status")).isEqualTo("failed");
      assertThat(settled.getString("error")).isEqualTo(StaleTurns.ERROR)
          .isEqualTo("the hub stopped before the turn ended");
      assertThat(settled.getBoolean("finished")).isTrue();
      assertThat(execution(live).getString("status")).as("a turn younger than any turn's deadline")
          .isEqualTo("running");
    } finally {
      second.close();
    }
  }

  private static EntityBareJid agent(String name, JsonObject llm) throws Exception {
    Agent a = agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", name), llm, null, null, null,
        Visibility.PRIVATE)).await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  private static void send(EntityBareJid jid, String body) throws Exception {
    owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
        .setBody(body).build());
  }

  /** The next message with a body or an error; chat states are skipped. */
  private static Message nextBody(StanzaCollector replies, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Message m = replies.nextResult(500);
      if (m != null && (m.getBody() != null || m.getType() == Message.Type.error)) {
        return m;
      }
    }
    throw new AssertionError("no answer within " + wait.toSeconds() + " s");
  }

  /** An execution as a hub that was killed mid-turn leaves it: running, started {@code age} ago. */
  private static UUID runningExecution(EntityBareJid jid, String age) throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "INSERT INTO executions (id, owner_user_id, agent_id, request_id, peer_jid, input, created_at)"
            + " SELECT ?, a.owner_user_id, a.id, ?, ?, 'hello', now() - ?::interval FROM agents a WHERE a.jid = ?")) {
      q.setObject(1, id);
      q.setString(2, id.toString());
      q.setString(3, owner.getUser().toString());
      q.setString(4, age);
      q.setString(5, jid.toString());
      assertThat(q.executeUpdate()).isEqualTo(1);
    }
    return id;
  }

  private static JsonObject execution(UUID id) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT status, error, finished_at IS NOT NULL FROM executions WHERE id = ?")) {
      q.setObject(1, id);
      ResultSet rs = q.executeQuery();
      assertThat(rs.next()).isTrue();
      return new JsonObject().put("status", rs.getString(1)).put("error", rs.getString(2))
          .put("finished", rs.getBoolean(3));
    }
  }

  private static int executions(EntityBareJid jid) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT count(*) FROM executions e JOIN agents a ON a.id = e.agent_id WHERE a.jid = ?")) {
      q.setString(1, jid.toString());
      ResultSet rs = q.executeQuery();
      rs.next();
      return rs.getInt(1);
    }
  }

  private static JsonObject lastExecution(EntityBareJid jid) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT e.status, e.provider, e.model, e.output FROM executions e JOIN agents a ON a.id = e.agent_id"
            + " WHERE a.jid = ? ORDER BY e.created_at DESC LIMIT 1")) {
      q.setString(1, jid.toString());
      ResultSet rs = q.executeQuery();
      assertThat(rs.next()).as("an execution for " + jid).isTrue();
      return new JsonObject().put("status", rs.getString(1)).put("provider", rs.getString(2))
          .put("model", rs.getString(3)).put("output", rs.getString(4));
    }
  }
}

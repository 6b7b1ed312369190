package io.aiox.component.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.ChatOwner;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.inference.DemoModelFixture;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.GgufChatServer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.message_correct.element.MessageCorrectExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * rfc/aiox-agents.md section 6.2, "Answers as they are written": a slowly streamed remote answer reaches a client
 * that advertises XEP-0308 (urn:xmpp:message-correct:0, section 2) as a first message and corrections of it
 * (section 3: each with {@code <replace id='first id'/>}), the last the whole answer; a client that does not
 * advertise it gets the whole answer as one message.
 */
@ExtendWith(RealServers.class)
class ProgressiveAnswersIT {
  private static final String CORRECT = MessageCorrectExtension.NAMESPACE;
  private static final String CHATSTATES = "http://jabber.org/protocol/chatstates";
  private static final long EVERY_MS = 500;

  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static GgufChatServer slow;
  private static AgentRepository agents;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    config.getJsonObject("xmpp").put("progressive", new JsonObject().put("firstAfterMs", 300)
        .put("correctEveryMs", EVERY_MS));
    slow = GgufChatServer.start(DemoModelFixture.model(), "gemma3-slow", 2);
    slow.paceStream(100);
    config.put("inference", new JsonObject().put("default_model", "slow").put("models", new JsonObject()
        .put("slow", new JsonObject().put("provider", "openai").put("base_url", slow.baseUrl())
            .put("model", "gemma3-slow").put("slots", 2).put("timeout_seconds", 60))));
    hub = Hub.start(HubConfig.fromJson(config));
    agents = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain());
  }

  @AfterAll
  static void stop() {
    hub.close();
    slow.close();
  }

  @Test
  void a_client_that_takes_corrections_sees_a_first_message_then_corrections_ending_with_the_whole_answer()
      throws Exception {
    ChatOwner owner = ChatOwner.register(hub, servers.ejabberd(), "corrector");
    XMPPTCPConnection client = owner.xmpp();
    try {
      ServiceDiscoveryManager.getInstanceFor(client).addFeature(CORRECT);
      EntityBareJid agent = agent(owner, "Writer");
      long started = System.nanoTime();
      List<Message> messages = answer(client, agent, "Write a long story.", Duration.ZERO);
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(messages).as("a first message and at least its last correction").hasSizeGreaterThanOrEqualTo(2);
      Message first = messages.getFirst();
      assertThat(replaces(first)).as("the first message corrects nothing").isNull();
      assertThat(first.hasExtension("composing", CHATSTATES)).as("still writing").isTrue();
      for (Message correction : messages.subList(1, messages.size())) {
        assertThat(replaces(correction)).as("XEP-0308 section 3: replace id is the first message's id")
            .isEqualTo(first.getStanzaId());
        assertThat(correction.getStanzaId()).isNotEqualTo(first.getStanzaId());
      }
      Message last = messages.getLast();
      assertThat(last.hasExtension("active", CHATSTATES)).as("the whole answer ends the writing").isTrue();
      messages.subList(0, messages.size() - 1).forEach(m -> assertThat(m.hasExtension("composing", CHATSTATES))
          .isTrue());
      assertThat(last.getBody()).as("the last correction is the whole answer").isEqualTo(lastOutput(agent))
          .contains(first.getBody());
      assertThat(messages.size()).as("at most one message per " + EVERY_MS + " ms over " + elapsedMs + " ms")
          .isLessThanOrEqualTo(2 + (int) (elapsedMs / EVERY_MS));
    } finally {
      client.disconnect();
    }
  }

  @Test
  void a_client_that_does_not_take_corrections_gets_the_whole_answer_as_one_message() throws Exception {
    ChatOwner owner = ChatOwner.register(hub, servers.ejabberd(), "plain");
    XMPPTCPConnection client = owner.xmpp();
    try {
      EntityBareJid agent = agent(owner, "Plain writer");
      List<Message> messages;
      try (StanzaCollector states = client.createStanzaCollector(new AndFilter(FromMatchesFilter.createBare(agent),
          new StanzaExtensionFilter("composing", CHATSTATES)))) {
        messages = answer(client, agent, "Write a long story.", Duration.ofMillis(1_500));
        Message composing = states.pollResult();
        assertThat(composing).as("rfc section 6: a turn not answered within 300 ms says composing").isNotNull();
        assertThat(composing.getBody()).isNull();
        assertThat((Message) states.pollResult()).as("composing once").isNull();
      }
      assertThat(messages).as("messages with a body").hasSize(1);
      Message only = messages.getFirst();
      assertThat(replaces(only)).isNull();
      assertThat(only.hasExtension("active", CHATSTATES)).isTrue();
      assertThat(only.getBody()).isEqualTo(lastOutput(agent)).isNotBlank();
    } finally {
      client.disconnect();
    }
  }

  private static EntityBareJid agent(ChatOwner owner, String name) throws Exception {
    Agent a = agents.create(owner.user().id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("model", "slow").put("max_tokens", 40), null, null, null, Visibility.PRIVATE)).await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  /**
   * Sends {@code body} and collects the agent's messages with a body up to the one that says {@code active}, and
   * any that come within {@code after} of it.
   */
  private static List<Message> answer(XMPPTCPConnection client, EntityBareJid agent, String body, Duration after)
      throws Exception {
    List<Message> messages = new ArrayList<>();
    try (StanzaCollector replies = client.createStanzaCollector(FromMatchesFilter.createBare(agent))) {
      client.sendStanza(client.getStanzaFactory().buildMessageStanza().to(agent).ofType(Message.Type.chat)
          .setBody(body).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long end = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, end)) {
        Message m = replies.nextResult(200);
        if (m == null || m.getBody() == null) {
          continue;
        }
        assertThat(m.getType()).as("an answer, not an error: " + m.toXML()).isEqualTo(Message.Type.chat);
        messages.add(m);
        if (m.hasExtension("active", CHATSTATES) && end == Long.MAX_VALUE) {
          end = System.nanoTime() + after.toNanos();
        }
      }
      assertThat(end).as("an answer within 60 s").isNotEqualTo(Long.MAX_VALUE);
    }
    return messages;
  }

  private static String replaces(Message m) {
    MessageCorrectExtension e = MessageCorrectExtension.from(m);
    return e == null ? null : e.getIdInitialMessage();
  }

  private static String lastOutput(EntityBareJid agent) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT e.output FROM executions e JOIN agents a ON a.id = e.agent_id WHERE a.jid = ?"
            + " ORDER BY e.created_at DESC LIMIT 1")) {
      q.setString(1, agent.toString());
      ResultSet rs = q.executeQuery();
      assertThat(rs.next()).as("an execution for " + agent).isTrue();
      // what the model wrote, as XML can carry it: a character XML refuses reaches the client as U+FFFD (rfc 7)
      return io.aiox.component.xmpp.stream.XmlChars.clean(rs.getString(1));
    }
  }
}

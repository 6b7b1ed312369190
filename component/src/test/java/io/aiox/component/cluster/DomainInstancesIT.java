package io.aiox.component.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.AgentRows;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.inference.DemoModelFixture;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Two hub instances of one agents domain (role {@code both}, two Hazelcast members on loopback in this JVM), each
 * with its own component connection to ejabberd, which hands each stanza of the domain to either. What one instance
 * waits for but ejabberd gives to the other (here: an agent's answer to another agent's question) reaches it over
 * the clustered bus; the Redis relay that used to carry it is gone (docs/scaling.md).
 */
@ExtendWith(RealServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DomainInstancesIT {
  private static TestServers servers;
  private static String database;
  private static Hub first;
  private static Hub second;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    config.put("inference", new JsonObject().put("default_model", "demo").put("models", new JsonObject()
        .put("demo", new JsonObject().put("path", DemoModelFixture.model().toString()).put("context_size", 4096)
            .put("threads", 1).put("slots", 2).put("demo", true))));
    int[] ports = {Ports.free(), Ports.free()};
    JsonArray members = new JsonArray().add("127.0.0.1:" + ports[0]).add("127.0.0.1:" + ports[1]);
    first = Hub.start(HubConfig.fromJson(config.copy().put("cluster", cluster(ports[0], members))));
    second = Hub.start(HubConfig.fromJson(config.copy().put("cluster", cluster(ports[1], members))
        .put("web", new JsonObject().put("enabled", false))));
    owner = servers.ejabberd().newUser("instances");
    ownerUser = new UserRepository(first.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(first.database().ownerScope(), servers.ejabberd().componentDomain());
  }

  private static JsonObject cluster(int port, JsonArray members) {
    return new JsonObject().put("enabled", true).put("role", "both").put("name", "aiox-domain-" + members.hashCode())
        .put("host", "127.0.0.1").put("port", port).put("members", members);
  }

  @AfterAll
  static void stop() {
    if (owner != null) {
      owner.disconnect();
    }
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  /**
   * ejabberd gives each stanza to a random instance of the agents domain, so an answer often reaches the instance
   * that did not ask. Without a way across (no cluster, no relay) about half of these asks would wait out their
   * timeout and record "(no answer: ...)".
   */
  @Test
  @Order(1)
  void every_answer_between_agents_reaches_the_instance_that_asked() throws Exception {
    Agent expert = agent("Expert of two");
    Agent asker = agent("Asker of two");
    AgentRows.consults(servers, database, asker, new JsonArray().add(expert.jid().toString()));
    for (int i = 0; i < 4; i++) {
      assertThat(ask(asker, "Question " + i).getType()).isEqualTo(Message.Type.chat);
    }
    List<JsonObject> turns = AgentRows.executions(servers, database, asker);
    assertThat(turns).hasSize(4).allSatisfy(t -> assertThat(t.getJsonArray("calls").getJsonObject(0)
        .getString("answer")).doesNotStartWith("(no answer"));
    assertThat(AgentRows.executions(servers, database, expert)).hasSize(4);
  }

  @Test
  @Order(2)
  void either_instance_answers_and_the_one_left_answers_alone() throws Exception {
    Agent steady = agent("Steady");
    for (int i = 0; i < 10; i++) {
      assertThat(ask(steady, "n" + i).getType()).isEqualTo(Message.Type.chat);
    }
    second.close();
    second = null;
    assertThat(ask(steady, "one left").getType()).isEqualTo(Message.Type.chat);
  }

  private static Agent agent(String name) throws Exception {
    return agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("model", "demo").put("max_tokens", 8), null, null, null, Visibility.PUBLIC)).await();
  }

  private static Message ask(Agent agent, String body) throws Exception {
    return AgentChat.ask(owner, JidCreate.entityBareFrom(agent.jid().toString()), body, Duration.ofSeconds(90));
  }
}

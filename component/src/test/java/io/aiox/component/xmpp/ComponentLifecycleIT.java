package io.aiox.component.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.FixtureWorker;
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
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The component's link to ejabberd over time: restarts, downtime (rfc section 7, liveness). Two instances of one
 * domain: {@code DomainInstancesIT}.
 */
@ExtendWith(RealServers.class)
class ComponentLifecycleIT {
  private EjabberdServer ejabberd;
  private JsonObject config;
  private Hub hub;
  private String ownerName;
  private XMPPTCPConnection owner;
  private EntityBareJid agentJid;

  @BeforeEach
  void start(TestServers servers) throws Exception {
    ejabberd = servers.ejabberd();
    config = TestHubConfig.json(servers);
    hub = startHub();
    owner = ejabberd.newUser("owner");
    ownerName = owner.getUser().getLocalpart().toString();
    User user = new UserRepository(hub.database().ownerScope())
        .create(ownerName, owner.getUser().asBareJid().toString()).await();
    Agent agent = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain())
        .create(user.id(), NewAgent.named("Steady", Visibility.PRIVATE)).await();
    agentJid = JidCreate.entityBareFrom(agent.jid().toString());
  }

  @AfterEach
  void stop() {
    owner.disconnect();
    if (hub != null) {
      hub.close();
    }
  }

  private Hub startHub() {
    Hub h = Hub.start(HubConfig.fromJson(config));
    // Test fixture standing in for the inference verticle: answers every turn with an echo.
    FixtureWorker.echo(h);
    return h;
  }

  @Test
  void after_an_ejabberd_restart_the_component_reconnects_and_the_next_message_is_answered() throws Exception {
    assertThat(ask(owner, "before")).isEqualTo("echo: before");
    owner.disconnect();
    ejabberd.restart();
    owner = ejabberd.connect(ownerName, "pw-" + ownerName);
    awaitAgentReachable(Duration.ofSeconds(20));
    assertThat(ask(owner, "after")).isEqualTo("echo: after");
  }

  @Test
  void a_message_while_no_component_is_connected_gets_an_error_from_the_server() throws Exception {
    hub.close();
    hub = null;
    Message reply = send(owner, "anyone there?");
    assertThat(reply).as("the server answers for the missing component").isNotNull();
    assertThat(reply.getType()).isEqualTo(Message.Type.error);
    assertThat(reply.getError()).isNotNull();
    hub = startHub();
    awaitAgentReachable(Duration.ofSeconds(10));
    assertThat(ask(owner, "back?")).isEqualTo("echo: back?");
  }

  private void awaitAgentReachable(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    PingManager ping = PingManager.getInstanceFor(owner);
    while (System.nanoTime() < deadline) {
      try {
        if (ping.ping(agentJid, 1_000)) {
          return;
        }
      } catch (Exception notYet) {
        // the component is not back yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the agent did not become reachable within " + within);
  }

  /** The body of the agent's answer (skipping composing and receipts). */
  private String ask(XMPPTCPConnection from, String body) throws Exception {
    try (StanzaCollector replies = from.createStanzaCollector(FromMatchesFilter.createBare(agentJid))) {
      from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(agentJid).ofType(Message.Type.chat)
          .setBody(body).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m != null && m.getType() == Message.Type.error) {
          throw new AssertionError("error instead of an answer: " + m.toXML());
        }
        if (m != null && m.getBody() != null) {
          return m.getBody();
        }
      }
      throw new AssertionError("no answer to " + body);
    }
  }

  private Message send(XMPPTCPConnection from, String body) throws Exception {
    try (StanzaCollector replies = from.createStanzaCollector(FromMatchesFilter.createBare(agentJid))) {
      from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(agentJid).ofType(Message.Type.chat)
          .setBody(body).build());
      return replies.nextResult(10_000);
    }
  }
}

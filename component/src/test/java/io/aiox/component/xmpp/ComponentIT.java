package io.aiox.component.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** The component against real ejabberd, with Smack clients (rfc/aiox-agents.md sections 2-5). */
@ExtendWith(RealServers.class)
class ComponentIT {
  private static Hub hub;
  private static EjabberdServer ejabberd;
  private static XMPPTCPConnection owner;
  private static XMPPTCPConnection stranger;
  private static Agent privateAgent;
  private static Agent othersAgent;

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    ejabberd = servers.ejabberd();
    JsonObject config = TestHubConfig.json(servers);
    hub = Hub.start(HubConfig.fromJson(config));
    // Test fixture standing in for the inference verticle (issue 4): answers every turn with an echo.
    FixtureWorker.echo(hub);

    UserRepository users = new UserRepository(hub.database().ownerScope());
    AgentRepository agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
    owner = ejabberd.newUser("owner");
    stranger = ejabberd.newUser("stranger");
    User ownerUser = users.create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    User other = users.create("other-" + UUID.randomUUID().toString().substring(0, 6), "other@" + ejabberd.domain()).await();
    privateAgent = agents.create(ownerUser.id(), NewAgent.named("Owner's helper", Visibility.PRIVATE)).await();
    othersAgent = agents.create(other.id(), NewAgent.named("Someone else's", Visibility.PRIVATE)).await();
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    stranger.disconnect();
    hub.close();
  }

  /** ARCHITECTURE "A stanza's path" steps 6-9; XEP-0085 section 5.2 (composing, then active with the reply). */
  @Test
  void owner_gets_composing_then_the_reply_from_the_agents_jid() throws Exception {
    Jid agent = JidCreate.from(privateAgent.jid().toString());
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(agent))) {
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(agent).ofType(Message.Type.chat)
          .setBody("hello").build());
      Message first = replies.nextResult(10_000);
      assertThat(first).as("composing").isNotNull();
      assertThat(first.hasExtension("composing", "http://jabber.org/protocol/chatstates")).isTrue();
      Message answer = replies.nextResult(10_000);
      assertThat(answer).as("the answer").isNotNull();
      assertThat(answer.getBody()).isEqualTo("echo: hello");
      assertThat(answer.hasExtension("active", "http://jabber.org/protocol/chatstates")).isTrue();
      assertThat(answer.getFrom().asBareJid().toString()).isEqualTo(privateAgent.jid().toString());
    }
  }

  /** rfc section "Ownership and visibility": a private agent refuses everyone but its owner. */
  @Test
  void a_stranger_gets_forbidden_with_a_text() throws Exception {
    Message error = sendAndAwaitError(stranger, privateAgent.jid().toString());
    assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
    assertThat(error.getError().getDescriptiveText()).contains("answers only its owner");
  }

  @Test
  void an_unknown_agent_gets_item_not_found() throws Exception {
    Message error = sendAndAwaitError(owner, "agent-" + UUID.randomUUID() + "@" + ejabberd.componentDomain());
    assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
  }

  /** XEP-0030 section 3.1 with the XEP-0128 capability form. */
  @Test
  void disco_info_on_an_agent_shows_a_bot_with_its_capability_form() throws Exception {
    DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(owner)
        .discoverInfo(JidCreate.from(privateAgent.jid().toString()));
    assertThat(info.hasIdentity("client", "bot")).isTrue();
    assertThat(info.containsFeature("urn:xmpp:ping")).isTrue();
    DataForm form = info.getExtension(DataForm.class);
    assertThat(form.getFormType()).isEqualTo("urn:aiox:agent:0");
    assertThat(form.getField("visibility").getFirstValue()).isEqualTo("private");
  }

  @Test
  void disco_info_from_a_stranger_is_forbidden() {
    assertThatThrownBy(() -> ServiceDiscoveryManager.getInstanceFor(stranger)
        .discoverInfo(JidCreate.from(privateAgent.jid().toString())))
        .isInstanceOfSatisfying(XMPPErrorException.class,
            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
  }

  /** XEP-0030 section 4: the service lists the asker's own agents, nobody else's. */
  @Test
  void disco_items_on_the_service_lists_only_the_askers_agents() throws Exception {
    DiscoverItems items = ServiceDiscoveryManager.getInstanceFor(owner)
        .discoverItems(JidCreate.from(ejabberd.componentDomain()));
    assertThat(items.getItems()).extracting(i -> i.getEntityID().toString())
        .contains(privateAgent.jid().toString()).doesNotContain(othersAgent.jid().toString());
    assertThat(ServiceDiscoveryManager.getInstanceFor(stranger)
        .discoverItems(JidCreate.from(ejabberd.componentDomain())).getItems()).isEmpty();
  }

  /** XEP-0199 section 4.2 and XEP-0092 section 2. */
  @Test
  void ping_and_version_are_answered() throws Exception {
    Jid agent = JidCreate.from(privateAgent.jid().toString());
    assertThat(PingManager.getInstanceFor(owner).ping(agent)).isTrue();
    assertThat(VersionManager.getInstanceFor(owner).getVersion(agent).getName()).isEqualTo("AIOX");
  }

  private static Message sendAndAwaitError(XMPPTCPConnection from, String to) throws Exception {
    Jid jid = JidCreate.from(to);
    try (StanzaCollector replies = from.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody("hi").build());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m != null && m.getType() == Message.Type.error) {
          return m;
        }
      }
      throw new AssertionError("no error came back from " + to);
    }
  }
}

package io.aiox.component.xmpp;

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
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/** Many agents behind one component connection (issue acceptance: 1,000 answer disco#info in one run). */
@ExtendWith(RealServers.class)
class ManyAgentsIT {
  private static final int AGENTS = 1_000;

  @Test
  void a_thousand_agents_answer_disco_info_over_one_component_connection(TestServers servers) throws Exception {
    EjabberdServer ejabberd = servers.ejabberd();
    try (Hub hub = Hub.start(HubConfig.fromJson(TestHubConfig.json(servers)))) {
      XMPPTCPConnection owner = ejabberd.newUser("many");
      try {
        User user = new UserRepository(hub.database().ownerScope())
            .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
        AgentRepository repo = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
        List<Future<Agent>> created = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
          created.add(repo.create(user.id(), NewAgent.named("agent " + i, Visibility.PRIVATE)));
        }
        List<Agent> agents = Future.all(created).await().list();

        List<SmackFuture<IQ, Exception>> answers = new ArrayList<>(AGENTS);
        for (Agent agent : agents) {
          DiscoverInfo ask = DiscoverInfo.builder(owner).to(JidCreate.from(agent.jid().toString()))
              .ofType(IQ.Type.get).build();
          answers.add(owner.sendIqRequestAsync(ask, 60_000));
        }
        int ok = 0;
        for (int i = 0; i < AGENTS; i++) {
          IQ answer = answers.get(i).getOrThrow();
          assertThat(answer).isInstanceOf(DiscoverInfo.class);
          DiscoverInfo info = (DiscoverInfo) answer;
          assertThat(info.getIdentities().get(0).getName()).isEqualTo(agents.get(i).name());
          assertThat(info.getExtension(DataForm.class).getFormType()).isEqualTo("urn:aiox:agent:0");
          ok++;
        }
        assertThat(ok).isEqualTo(AGENTS);
      } finally {
        owner.disconnect();
      }
    }
  }

  /** RFC 6120 section 4.9.3.12: ejabberd ends a client's stream on an oversized stanza; the component is unharmed. */
  @Test
  void an_oversized_client_stanza_is_stopped_by_the_server_and_the_component_stays_up(TestServers servers)
      throws Exception {
    EjabberdServer ejabberd = servers.ejabberd();
    Hub hub = Hub.start(HubConfig.fromJson(TestHubConfig.json(servers)));
    try {
      XMPPTCPConnection sender = ejabberd.newUser("big");
      XMPPTCPConnection watcher = ejabberd.newUser("watch");
      try {
        String service = ejabberd.componentDomain();
        sender.sendStanza(sender.getStanzaFactory().buildMessageStanza().to(JidCreate.from("agent-x@" + service))
            .setBody("B".repeat(200_000)).build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sender.isConnected() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(sender.isConnected()).as("ejabberd closed the oversized sender's stream").isFalse();
        // The component link is intact: an IQ to the service is still answered.
        DiscoverInfo info = org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(watcher)
            .discoverInfo(JidCreate.from(service));
        assertThat(info.getIdentities()).isNotEmpty();
      } finally {
        watcher.disconnect();
        if (sender.isConnected()) {
          sender.disconnect();
        }
      }
    } finally {
      hub.close();
    }
  }
}

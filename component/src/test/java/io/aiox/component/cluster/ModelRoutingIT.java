package io.aiox.component.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.ChatOwner;
import io.aiox.component.FixtureWorker;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.Turns;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A turn goes to a worker that announced its agent's model, and to any worker when none did: two fixture workers on
 * the bus, one serving {@code fixture-large} only, one taking any turn.
 */
@ExtendWith(RealServers.class)
class ModelRoutingIT {
  private static Hub hub;
  private static ChatOwner owner;
  private static AgentRepository agents;

  @BeforeAll
  static void start(TestServers servers) {
    hub = Hub.start(HubConfig.fromJson(TestHubConfig.json(servers)));
    FixtureWorker.answer(hub, Turns.modelAddress("fixture-large"),
        turn -> TurnReply.of("large worker: " + turn.body()));
    FixtureWorker.answer(hub, turn -> TurnReply.of("any worker: " + turn.body()));
    owner = ChatOwner.register(hub, servers.ejabberd(), "routing");
    agents = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain());
  }

  @AfterAll
  static void stop() {
    owner.xmpp().disconnect();
    hub.close();
  }

  private static String ask(JsonObject llm, String text) throws Exception {
    Agent a = agents.create(owner.user().id(), new NewAgent(new JsonObject().put("name", "routed"), llm, null, null,
        null, Visibility.PRIVATE)).await();
    XMPPTCPConnection xmpp = owner.xmpp();
    return AgentChat.ask(xmpp, JidCreate.entityBareFrom(a.jid().toString()), text, Duration.ofSeconds(20))
        .getBody();
  }

  @Test
  void a_turn_goes_to_a_worker_that_serves_its_agents_model() throws Exception {
    assertThat(ask(new JsonObject().put("model", "fixture-large"), "big")).isEqualTo("large worker: big");
  }

  @Test
  void a_model_no_worker_announced_goes_to_any_worker() throws Exception {
    assertThat(ask(new JsonObject().put("model", "fixture-small"), "small")).isEqualTo("any worker: small");
    assertThat(ask(new JsonObject(), "plain")).isEqualTo("any worker: plain");
  }
}

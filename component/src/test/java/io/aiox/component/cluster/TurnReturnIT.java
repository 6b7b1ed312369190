package io.aiox.component.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.ChatOwner;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.turn.HandedOverTurn;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.TurnReturn;
import io.aiox.worker.turn.Turns;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A turn's outcome across the nodes of a cluster, as the records of the turn contract: a component node in this JVM,
 * and a worker node (no inference) whose scripted fixture worker answers or fails each turn through
 * {@link TurnReturn}, or hands an outcome over as a {@link HandedOverTurn}. The failure travels as a reply
 * ({@code TurnFailed}) and still reaches the user as the error it stands for, with its text.
 */
@ExtendWith(RealServers.class)
class TurnReturnIT {
  private static Hub component;
  private static Hub worker;
  private static ChatOwner owner;
  private static Agent agent;
  /** The origin node each turn named (TurnOrigin), "none" when it named none. */
  private static final List<String> origins = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    JsonObject config = TestHubConfig.json(servers);
    int[] ports = {Ports.free(), Ports.free()};
    JsonArray members = new JsonArray().add("127.0.0.1:" + ports[0]).add("127.0.0.1:" + ports[1]);
    component = Hub.start(HubConfig.fromJson(config.copy().put("cluster", cluster("component", ports[0], members))));
    worker = Hub.start(HubConfig.fromJson(config.copy().put("cluster", cluster("worker", ports[1], members))
        .put("web", new JsonObject().put("enabled", false))));
    worker.vertx().eventBus().<TurnRequest>consumer(Turns.ADDRESS, m -> {
      TurnRequest turn = m.body();
      origins.add(m.headers().contains(TurnReturn.STANZA) ? m.headers().get(TurnReturn.ORIGIN) : "none");
      if (turn.body().startsWith("fail")) {
        TurnReturn.fail(worker.vertx(), m, turn.reservation(), TurnFailure.BUSY, "the queue is full (scripted)");
      } else {
        TurnReturn.answer(worker.vertx(), m, TurnReply.of("across: " + turn.body()), turn.reservation());
      }
    });
    owner = ChatOwner.register(component, servers.ejabberd(), "returns");
    agent = new AgentRepository(component.database().ownerScope(), servers.ejabberd().componentDomain())
        .create(owner.user().id(), new NewAgent(new JsonObject().put("name", "returned"), new JsonObject(), null,
            null, null, Visibility.PRIVATE)).await();
  }

  private static JsonObject cluster(String role, int port, JsonArray members) {
    return new JsonObject().put("enabled", true).put("role", role).put("name", "aiox-return-" + members.hashCode())
        .put("host", "127.0.0.1").put("port", port).put("members", members);
  }

  @AfterAll
  static void stop() {
    if (owner != null) {
      owner.xmpp().disconnect();
    }
    if (worker != null) {
      worker.close();
    }
    if (component != null) {
      component.close();
    }
  }

  @Test
  void an_answer_from_a_worker_node_reaches_the_user() throws Exception {
    assertThat(ask("hello").getBody()).isEqualTo("across: hello");
  }

  @Test
  void a_failure_from_a_worker_node_reaches_the_user_as_its_error_with_text() throws Exception {
    Message reply = ask("fail now");
    assertThat(reply.getType()).isEqualTo(Message.Type.error);
    assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
    assertThat(reply.getError().getDescriptiveText()).contains("the queue is full (scripted)");
    // so it went back as a TurnFailed reply, acknowledged like an answer, not as a failed request
    assertThat(origins).isNotEmpty().doesNotContain("none");
  }

  @Test
  void an_outcome_handed_over_from_a_worker_node_is_sent_by_the_component_node() throws Exception {
    XMPPTCPConnection xmpp = owner.xmpp();
    String stanza = "<message xmlns=\"jabber:component:accept\" from=\"" + xmpp.getUser() + "\" to=\""
        + agent.jid() + "\" id=\"handed-1\" type=\"chat\"/>";
    try (StanzaCollector replies = xmpp.createStanzaCollector(new AndFilter(
        FromMatchesFilter.createBare(JidCreate.entityBareFrom(agent.jid().toString())), StanzaTypeFilter.MESSAGE))) {
      worker.vertx().eventBus().request(TurnReturn.HANDED_OVER,
          HandedOverTurn.answered(stanza, Optional.empty(), TurnReply.of("handed over")),
          new DeliveryOptions().setSendTimeout(10_000)).await();
      Message m = replies.nextResult(10_000);
      while (m != null && m.getBody() == null) {
        m = replies.nextResult(10_000);
      }
      assertThat(m).isNotNull();
      assertThat(m.getBody()).isEqualTo("handed over");
    }
  }

  private static Message ask(String body) throws Exception {
    return AgentChat.ask(owner.xmpp(), JidCreate.entityBareFrom(agent.jid().toString()), body,
        Duration.ofSeconds(20));
  }
}

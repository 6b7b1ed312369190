package io.aiox.component.xmpp.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.OwnerId;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.a2a.Consultations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

class AgentToAgentTest {
  private static final String OURS = "agents.hub.test";
  private static final OwnerId PAYER = OwnerId.random();

  private static Message question(String fromDomain, String hops, String payer) {
    Message m = new Message();
    m.setFrom(new JID("agent-1", fromDomain, null));
    m.setTo(new JID("agent-2", OURS, null));
    m.setBody("q");
    var ask = m.addChildElement("ask", AgentToAgent.NAMESPACE).addAttribute("id", "x").addAttribute("hops", hops)
        .addAttribute("origin", "alice@hub.test");
    if (payer != null) {
      ask.addAttribute("payer", payer);
    }
    return m;
  }

  @Test
  void a_question_from_our_own_agents_is_charged_to_the_payer_it_names() {
    Chain chain = AgentToAgent.asked(question(OURS, "2", PAYER.toString()), OURS).orElseThrow();
    assertThat(chain.hops()).isEqualTo(2);
    assertThat(chain.origin()).isEqualTo("alice@hub.test");
    assertThat(chain.payer()).contains(PAYER);
  }

  @Test
  void another_hub_cannot_charge_an_owner_here() {
    Chain chain = AgentToAgent.asked(question("agents.elsewhere.test", "1", PAYER.toString()), OURS).orElseThrow();
    assertThat(chain.payer()).isEmpty();
    assertThat(chain.hops()).isEqualTo(1);
  }

  @Test
  void a_question_to_another_domain_carries_no_payer() throws Exception {
    assertThat(sent("agent-2@agents.elsewhere.test").getChildElement("ask", AgentToAgent.NAMESPACE)
        .attributeValue("payer")).isNull();
  }

  @Test
  void a_question_to_an_agent_of_this_hub_names_the_payer() throws Exception {
    assertThat(sent("agent-2@" + OURS).getChildElement("ask", AgentToAgent.NAMESPACE).attributeValue("payer"))
        .isEqualTo(PAYER.toString());
  }

  /** The stanza the component sends for a worker's question to {@code to}, from one of our agents. */
  private static Message sent(String to) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      CompletableFuture<Packet> out = new CompletableFuture<>();
      new AgentToAgent(vertx, out::complete).start().completion().await();
      vertx.eventBus().request(Consultations.ASK_ADDRESS, Chain.start("alice@hub.test").next(PAYER)
          .writeTo(new JsonObject().put("from", "agent-1@" + OURS).put("to", to).put("body", "q")));
      return (Message) out.get(5, TimeUnit.SECONDS);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void unreadable_chain_fields_ask_no_one_further() {
    assertThat(AgentToAgent.asked(question(OURS, "many", null), OURS).orElseThrow().atLimit()).isTrue();
    assertThat(AgentToAgent.asked(question(OURS, "1", "not-an-owner"), OURS).orElseThrow().atLimit()).isTrue();
  }

  @Test
  void a_hop_is_paid_by_the_first_asking_owner_all_along_the_chain() {
    OwnerId second = OwnerId.random();
    Chain hop1 = Chain.start("alice@hub.test").next(PAYER);
    Chain hop2 = hop1.next(second);
    assertThat(hop1.payer()).contains(PAYER);
    assertThat(hop2.payer()).contains(PAYER);
    assertThat(hop2.hops()).isEqualTo(2);
    assertThat(Chain.of(hop2.writeTo(new JsonObject()), "peer")).isEqualTo(hop2);
  }
}

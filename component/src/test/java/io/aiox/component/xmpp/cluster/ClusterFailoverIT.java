package io.aiox.component.xmpp.cluster;

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
import io.aiox.testkit.EjabberdCluster;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * issue 18: ejabberd as a cluster of two nodes with a component link on each. Users on both nodes chat with their
 * agents (answered by an echo fixture) at a steady pace; node A is killed (SIGKILL) mid-load; A's users log in to
 * node B and send again, with the same ids, what got no reply. Counted per message: never answered twice; B's users
 * lose nothing; every message sent after the kill is answered or refused with text, and only messages in flight in
 * the killed node may stay unreplied (counted and printed); afterwards every agent answers through B.
 */
@ExtendWith(RealServers.class)
class ClusterFailoverIT {
  private static final int USERS_PER_NODE = 2;
  private static final int AGENTS_PER_USER = 2;
  private static final int ROUNDS = 20;
  private static final int KILL_AT_ROUND = 8;
  private static final Duration PACE = Duration.ofMillis(50);
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final Duration ALL_REPLIED_WITHIN = Duration.ofSeconds(20);

  /** One person: logged in to a node, owning agents, and what it sent and got back. */
  private static final class Person {
    final String user;
    final String resource;
    final List<Agent> agents = new ArrayList<>();
    /** Message id to body, in the order sent. */
    final Map<String, String> sent = new LinkedHashMap<>();
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    final Map<String, String> refusals = new ConcurrentHashMap<>();
    /** Ids sent but not replied to when the node was killed: their answers may have died with it. */
    final java.util.Set<String> inFlightAtKill = ConcurrentHashMap.newKeySet();
    volatile XMPPTCPConnection xmpp;

    Person(XMPPTCPConnection xmpp) {
      this.user = xmpp.getUser().getLocalpart().toString();
      this.resource = xmpp.getUser().getResourceOrThrow().toString();
      attach(xmpp);
    }

    void attach(XMPPTCPConnection connection) {
      xmpp = connection;
      connection.addAsyncStanzaListener(stanza -> {
        Message m = (Message) stanza;
        if (m.getType() == Message.Type.error) {
          String text = m.getError() == null ? null : m.getError().getDescriptiveText();
          refusals.put(m.getStanzaId(), text == null ? "(no text)" : text);
        } else if (m.getBody() != null && m.getBody().startsWith("echo: ")) {
          answers.computeIfAbsent(m.getBody().substring("echo: ".length()), k -> new AtomicInteger())
              .incrementAndGet();
        }
      }, stanza -> stanza instanceof Message);
    }

    boolean replied(String id) {
      return answers.containsKey(sent.get(id)) || refusals.containsKey(id);
    }

    /** Sends (or sends again) message {@code id}; false when the connection is gone. */
    boolean send(String id) {
      Agent agent = agents.get(Math.floorMod(id.hashCode(), agents.size()));
      try {
        EntityBareJid to = JidCreate.entityBareFrom(agent.jid().toString());
        xmpp.sendStanza(StanzaBuilder.buildMessage(id).to(to).ofType(Message.Type.chat).setBody(sent.get(id))
            .build());
        return true;
      } catch (Exception e) {
        return false;
      }
    }
  }

  @Test
  void a_killed_node_s_users_reconnect_to_the_other_and_every_message_is_answered_once_or_refused_with_text(
      TestServers servers) throws Exception {
    try (EjabberdCluster cluster = servers.ejabberdCluster("failover", "cluster.test", 2)) {
      EjabberdServer a = cluster.node(0);
      EjabberdServer b = cluster.node(1);
      JsonObject config = TestHubConfig.json(servers, b);
      JsonObject xmpp = config.getJsonObject("xmpp");
      xmpp.remove("componentPort");
      xmpp.put("servers", new JsonArray()
          .add(new JsonObject().put("host", a.host()).put("componentPort", a.componentPort()))
          .add(new JsonObject().put("host", b.host()).put("componentPort", b.componentPort())));
      try (Hub hub = Hub.start(HubConfig.fromJson(config))) {
        FixtureWorker.echo(hub);
        AgentRepository repo = new AgentRepository(hub.database().ownerScope(), b.componentDomain());
        List<Person> onA = people(hub, a, repo, "on-a");
        List<Person> onB = people(hub, b, repo, "on-b");
        List<Person> everyone = new ArrayList<>(onA);
        everyone.addAll(onB);

        long killedAt = 0;
        int lostSends = 0;
        for (int round = 0; round < ROUNDS; round++) {
          for (Person p : everyone) {
            String id = p.user + "-" + round;
            p.sent.put(id, id);
            if (!p.send(id)) {
              lostSends++;
            }
          }
          if (round == KILL_AT_ROUND) {
            killedAt = System.nanoTime();
            a.kill();
            for (Person p : onA) {
              p.sent.keySet().stream().filter(id -> !p.replied(id)).forEach(p.inFlightAtKill::add);
            }
          }
          Thread.sleep(PACE);
        }
        // A's users notice, log in to B (same resource), wait for what was stored for them, and send again what
        // got no reply, with the same ids.
        for (Person p : onA) {
          p.xmpp.disconnect();
          p.attach(b.connect(p.user, "pw-" + p.user, p.resource));
        }
        long relogged = System.nanoTime();
        Thread.sleep(SETTLE);
        int resent = 0;
        for (Person p : onA) {
          for (String id : p.sent.keySet()) {
            if (!p.replied(id)) {
              p.send(id);
              resent++;
            }
          }
        }
        long deadline = System.nanoTime() + ALL_REPLIED_WITHIN.toNanos();
        while (System.nanoTime() < deadline && !everyone.stream().allMatch(p -> p.sent.keySet().stream()
            .allMatch(p::replied))) {
          Thread.sleep(100);
        }

        int sent = everyone.stream().mapToInt(p -> p.sent.size()).sum();
        int answered = everyone.stream().mapToInt(p -> p.answers.size()).sum();
        int refused = everyone.stream().mapToInt(p -> p.refusals.size()).sum();
        int inFlight = onA.stream().mapToInt(p -> p.inFlightAtKill.size()).sum();
        System.out.printf("[cluster-failover] %d messages, %d answered, %d refused with text, %d unreplied (of %d in"
            + " flight in the killed node), %d sends failed, %d sent again after re-login; A's users back on B %d ms"
            + " after the kill%n", sent, answered, refused, sent - answered - refused, inFlight, lostSends, resent,
            Duration.ofNanos(relogged - killedAt).toMillis());
        for (Person p : everyone) {
          assertThat(p.answers).as(p.user + ": no message answered twice")
              .allSatisfy((body, count) -> assertThat(count.get()).isEqualTo(1));
          assertThat(p.refusals.values()).as(p.user + ": refusals carry text").doesNotContain("(no text)");
          // An answer written into the killed node dies with it, and the hub drops the resend of an id it has seen
          // (ChatHandler's repeated-id rule) without a word: so far only messages in flight at the kill may stay
          // unreplied. Everything sent after it, and everything of B's users, is answered or refused.
          assertThat(p.sent.keySet().stream().filter(id -> !p.replied(id)).toList())
              .as(p.user + ": messages with neither an answer nor a refusal, beyond those in flight at the kill")
              .isSubsetOf(p.inFlightAtKill);
        }
        for (Person p : onB) {
          assertThat(p.refusals).as(p.user + " on the surviving node is refused nothing").isEmpty();
        }
        // Every agent is reachable through B afterwards.
        for (Person p : everyone) {
          for (Agent agent : p.agents) {
            Message reply = AgentChat.ask(p.xmpp, JidCreate.entityBareFrom(agent.jid().toString()), "after",
                Duration.ofSeconds(10));
            assertThat(reply.getBody()).as(agent.jid() + " through B").isEqualTo("echo: after");
          }
        }
        everyone.forEach(p -> p.xmpp.disconnect());
      }
    }
  }

  private static List<Person> people(Hub hub, EjabberdServer node, AgentRepository repo, String prefix) {
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < USERS_PER_NODE; i++) {
      ChatOwner owner = ChatOwner.register(hub, node, prefix);
      Person p = new Person(owner.xmpp());
      for (int j = 0; j < AGENTS_PER_USER; j++) {
        p.agents.add(repo.create(owner.user().id(), NewAgent.named(prefix + " agent " + j, Visibility.PRIVATE))
            .await());
      }
      people.add(p);
    }
    return people;
  }
}

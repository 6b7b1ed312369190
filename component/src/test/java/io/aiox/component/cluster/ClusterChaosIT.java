package io.aiox.component.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.Database;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdCluster;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * issue 18: the whole cluster in real processes on loopback addresses: two ejabberd nodes (one Erlang cluster), two
 * component nodes (each with a link to both ejabberd nodes), two worker nodes, and a scripted model that takes a
 * while per turn so that turns are in flight. Users on both ejabberd nodes send a steady load, every message with an
 * id of its own; under it each kind of node is stopped in turn: a worker killed (SIGKILL), a component node stopped
 * (SIGTERM) and, once it is back, the other one killed, and last an ejabberd node killed. Per message it counts what
 * the user saw (a receipt: a hub took it; an answer; an error with text) against the executions table (a worker
 * took it: "accepted"). Every accepted turn is answered or refused with text, none twice, none both; what is lost
 * before any hub took it is counted and printed, as is what a killed node took with it. The component nodes' stops
 * must hit turns in flight: the workers' logs show the answers they handed to the node left.
 */
@ExtendWith(RealServers.class)
class ClusterChaosIT {
  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration MODEL_DELAY = Duration.ofMillis(400);
  private static final int USERS_PER_NODE = 2;
  /** Each user sends one message per tick; the stop comes at {@link #STOP_TICK}. */
  private static final int TICKS = 20;
  private static final int STOP_TICK = 8;
  private static final Duration TICK = Duration.ofMillis(250);
  /** How long a phase waits for the replies of what it sent once sending ends. */
  private static final Duration REPLIES_WITHIN = Duration.ofSeconds(45);
  /** How long unreplied messages that no worker took may still turn into turns (quota, the bus). */
  private static final Duration QUIET = Duration.ofSeconds(12);

  /** One person on an ejabberd node, with an agent, and everything it sent and saw. */
  private static final class Person {
    final String user;
    final String resource;
    final Agent agent;
    final EntityBareJid agentJid;
    /** Ids in the order sent, per phase. */
    final Map<String, List<String>> sent = new ConcurrentHashMap<>();
    final Set<String> sendFailed = ConcurrentHashMap.newKeySet();
    final Set<String> receipts = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    final Map<String, String> refusalTexts = new ConcurrentHashMap<>();
    volatile XMPPTCPConnection xmpp;

    Person(XMPPTCPConnection xmpp, Agent agent) throws Exception {
      this.user = xmpp.getUser().getLocalpart().toString();
      this.resource = xmpp.getUser().getResourceOrThrow().toString();
      this.agent = agent;
      this.agentJid = JidCreate.entityBareFrom(agent.jid().toString());
      attach(xmpp);
    }

    void attach(XMPPTCPConnection connection) {
      xmpp = connection;
      connection.addAsyncStanzaListener(stanza -> {
        Message m = (Message) stanza;
        DeliveryReceipt receipt = DeliveryReceipt.from(m);
        if (receipt != null) {
          receipts.add(receipt.getId());
        } else if (m.getType() == Message.Type.error) {
          String text = m.getError() == null ? null : m.getError().getDescriptiveText();
          refusals.computeIfAbsent(m.getStanzaId(), k -> new AtomicInteger()).incrementAndGet();
          refusalTexts.put(m.getStanzaId(), text == null ? "" : text);
        } else if (m.getBody() != null && m.getBody().startsWith("answered: ")) {
          answers.computeIfAbsent(m.getBody().substring("answered: ".length()), k -> new AtomicInteger())
              .incrementAndGet();
        }
      }, stanza -> stanza instanceof Message);
    }

    boolean replied(String id) {
      return answers.containsKey(id) || refusals.containsKey(id);
    }

    void send(String phase, String id) {
      sent.computeIfAbsent(phase, k -> new ArrayList<>()).add(id);
      if (!resend(id)) {
        sendFailed.add(id);
      }
    }

    /** Sends message {@code id} (again); false when the connection refuses it. */
    boolean resend(String id) {
      try {
        xmpp.sendStanza(StanzaBuilder.buildMessage(id).to(agentJid).ofType(Message.Type.chat).setBody(id)
            .addExtension(new DeliveryReceiptRequest()).build());
        return true;
      } catch (Exception e) {
        return false;
      }
    }
  }

  /** What one stop did to the messages sent around it. */
  private record Count(String phase, int sent, int sendFailed, int accepted, int answered, int refused,
                       int unrepliedAccepted, int lostTakenByHub, int lostBeforeHub, Resent resent,
                       long stopMillis) {
    @Override
    public String toString() {
      return String.format("[cluster-chaos] %-15s %3d sent (%d sends refused by the client), %3d accepted, %3d"
          + " answered, %3d refused with text, %d accepted unreplied, %d taken by a hub and lost before a worker,"
          + " %d lost before any hub%s; stop took %d ms", phase, sent, sendFailed, accepted, answered, refused,
          unrepliedAccepted, lostTakenByHub, lostBeforeHub, resent.total() == 0 ? "" : "; after re-login " + resent,
          stopMillis);
    }
  }

  /**
   * The messages of a killed ejabberd node's users sent again (same id) after they logged in to the other node,
   * by what was known of them then: a worker had taken them (their reply died with the node), a hub only, or none.
   */
  private record Resent(int accepted, int takenByHub, int beforeHub, int replied) {
    int total() {
      return accepted + takenByHub + beforeHub;
    }

    @Override
    public String toString() {
      return total() + " sent again (" + accepted + " accepted before: their reply died with the node; "
          + takenByHub + " taken by a hub only; " + beforeHub + " lost before any hub), " + replied + " of them"
          + " replied";
    }
  }

  private ScriptedToolModel model;
  private Vertx vertx;
  private Database database;
  private ExecutionRepository executions;
  private final List<Person> everyone = new ArrayList<>();
  private final List<Person> onA = new ArrayList<>();

  @Test
  void every_accepted_turn_is_answered_or_refused_with_text_once_while_each_kind_of_node_stops(TestServers servers)
      throws Exception {
    model = ScriptedToolModel.start(body -> new Answer("answered: " + ScriptedToolModel.lastUserText(body)))
        .withDelay(MODEL_DELAY);
    vertx = Vertx.vertx();
    List<HubProcess> processes = new ArrayList<>();
    try (EjabberdCluster xmppCluster = servers.ejabberdCluster("chaos", "chaos.test", 2)) {
      EjabberdServer a = xmppCluster.node(0);
      EjabberdServer b = xmppCluster.node(1);
      JsonObject base = config(servers, a, b);
      int[] ports = {Ports.free(), Ports.free(), Ports.free(), Ports.free()};
      JsonArray members = new JsonArray();
      for (int port : ports) {
        members.add("127.0.0.1:" + port);
      }
      Path dir = Files.createTempDirectory("aiox-chaos");
      // the first node migrates the schema; the others start side by side
      HubProcess component0 = HubProcess.start("component-0", dir.resolve("component-0"),
          node(base, "component", ports[0], members), READY);
      processes.add(component0);
      List<CompletableFuture<HubProcess>> starting = List.of(
          startAsync("component-1", dir, node(base, "component", ports[1], members)),
          startAsync("worker-0", dir, node(base, "worker", ports[2], members)),
          startAsync("worker-1", dir, node(base, "worker", ports[3], members)));
      for (CompletableFuture<HubProcess> f : starting) {
        processes.add(f.join());
      }
      HubProcess component1 = processes.get(1);
      HubProcess worker0 = processes.get(2);
      database = Database.connect(vertx, HubConfig.fromJson(base).database()).await();
      executions = new ExecutionRepository(database.ownerScope());
      people(a, b);
      for (Person p : everyone) {
        AgentChat.ask(p.xmpp, p.agentJid, "warm up", Duration.ofSeconds(60));
      }

      List<Count> counts = new ArrayList<>();
      counts.add(phase("worker-kill", () -> {
        worker0.kill();
        return 0L;
      }, null, b));
      counts.add(phase("component-term", () -> component0.stop(Duration.ofSeconds(30)).toMillis(), null, b));
      HubProcess component0Again = HubProcess.start("component-0b", dir.resolve("component-0b"),
          node(base, "component", ports[0], members), READY);
      processes.add(component0Again);
      counts.add(phase("component-kill", () -> {
        component1.kill();
        return 0L;
      }, null, b));
      counts.add(phase("ejabberd-kill", () -> {
        a.kill();
        return 0L;
      }, a, b));
      counts.forEach(System.out::println);
      // The stops hit turns in flight: the workers handed their answers to the component node left.
      String workerLogs = processes.get(2).log() + processes.get(3).log();
      int fromStopping = occurrences(workerLogs, "is stopping; handing its reply over");
      int fromLost = occurrences(workerLogs, "left the cluster; handing its reply over")
          + occurrences(workerLogs, "left before acknowledging");
      System.out.printf("[cluster-chaos] replies handed over: %d from the stopping component node, %d from the killed"
          + " one%n", fromStopping, fromLost);
      assertThat(fromStopping + fromLost).as("answers of a stopped or killed component node's turns handed over")
          .isPositive();

      for (Person p : everyone) {
        assertThat(p.answers).as(p.user + ": no message answered twice")
            .allSatisfy((id, n) -> assertThat(n.get()).as(id).isEqualTo(1));
        assertThat(p.refusals).as(p.user + ": no message refused twice")
            .allSatisfy((id, n) -> assertThat(n.get()).as(id).isEqualTo(1));
        assertThat(p.answers.keySet().stream().filter(p.refusals::containsKey).toList())
            .as(p.user + ": no message both answered and refused").isEmpty();
        assertThat(p.refusalTexts.values()).as(p.user + ": every refusal says why").allSatisfy(t ->
            assertThat(t).isNotBlank());
      }
      for (Count c : counts) {
        assertThat(c.unrepliedAccepted()).as(c.phase() + ": accepted turns with neither answer nor refusal")
            .isZero();
      }
      Count workerKill = counts.get(0);
      assertThat(workerKill.lostTakenByHub() + workerKill.lostBeforeHub())
          .as("a worker's death loses no message: its turns are refused with text").isZero();
      assertThat(counts.get(1).lostTakenByHub()).as("a component node that stops loses nothing it took").isZero();
      // Every agent still answers through what is left: component-0 (restarted), worker-1, ejabberd B.
      for (Person p : everyone) {
        Message last = AgentChat.ask(p.xmpp, p.agentJid, "still there?", Duration.ofSeconds(30));
        assertThat(last.getBody()).as(p.user + " after every stop").isEqualTo("answered: still there?");
      }
    } finally {
      everyone.forEach(p -> p.xmpp.disconnect());
      processes.forEach(HubProcess::close);
      if (database != null) {
        database.close();
      }
      vertx.close().await();
      model.close();
    }
  }

  /**
   * Sends the load, with {@code stop} at {@link #STOP_TICK} (in a thread of its own: a graceful stop blocks until
   * the process exits), waits for the replies and counts. {@code killedXmpp}: the ejabberd node the stop kills,
   * whose users then log in to {@code survivor} and send again, with the same id, what got no reply.
   */
  private Count phase(String phase, java.util.concurrent.Callable<Long> stop, EjabberdServer killedXmpp,
                      EjabberdServer survivor) throws Exception {
    CompletableFuture<Long> stopped = null;
    for (int tick = 0; tick < TICKS; tick++) {
      for (Person p : everyone) {
        p.send(phase, phase + "-" + p.user + "-" + tick);
      }
      if (tick == STOP_TICK) {
        stopped = CompletableFuture.supplyAsync(() -> {
          try {
            return stop.call();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
      }
      Thread.sleep(TICK.toMillis());
    }
    long stopMillis = stopped.join();
    Map<String, String> resentAs = new ConcurrentHashMap<>();
    if (killedXmpp != null) {
      for (Person p : onA) {
        p.xmpp.disconnect();
        p.attach(survivor.connect(p.user, "pw-" + p.user, p.resource));
      }
      Thread.sleep(3_000); // what was stored for them while they were away arrives first
      for (Person p : onA) {
        for (String id : p.sent.get(phase)) {
          if (!p.replied(id)) {
            resentAs.put(id, accepted(p, id) ? "accepted" : p.receipts.contains(id) ? "hub" : "before");
            p.resend(id);
          }
        }
      }
    }
    long end = System.nanoTime();
    Map<String, Person> unreplied = new LinkedHashMap<>();
    while (true) {
      unreplied.clear();
      for (Person p : everyone) {
        p.sent.get(phase).stream().filter(id -> !p.replied(id)).forEach(id -> unreplied.put(id, p));
      }
      boolean anyAccepted = false;
      for (Map.Entry<String, Person> e : unreplied.entrySet()) {
        if (accepted(e.getValue(), e.getKey())) {
          anyAccepted = true;
          break;
        }
      }
      long waited = System.nanoTime() - end;
      if (unreplied.isEmpty() || (!anyAccepted && waited > QUIET.toNanos()) || waited > REPLIES_WITHIN.toNanos()) {
        break;
      }
      Thread.sleep(500);
    }
    Thread.sleep(2_000); // a second reply would show now
    int sent = 0;
    int failed = 0;
    int accepted = 0;
    int answered = 0;
    int refused = 0;
    int unrepliedAccepted = 0;
    int lostTaken = 0;
    int lostBefore = 0;
    int resentReplied = 0;
    for (Person p : everyone) {
      for (String id : p.sent.get(phase)) {
        sent++;
        boolean wasAccepted = accepted(p, id);
        failed += p.sendFailed.contains(id) ? 1 : 0;
        accepted += wasAccepted ? 1 : 0;
        answered += p.answers.containsKey(id) ? 1 : 0;
        refused += p.refusals.containsKey(id) ? 1 : 0;
        resentReplied += resentAs.containsKey(id) && p.replied(id) ? 1 : 0;
        if (!p.replied(id)) {
          if (wasAccepted) {
            unrepliedAccepted++;
            System.out.println("[cluster-chaos] accepted, unreplied: " + id);
          } else if (p.receipts.contains(id)) {
            lostTaken++;
          } else {
            lostBefore++;
          }
        }
      }
    }
    Resent resent = new Resent(count(resentAs, "accepted"), count(resentAs, "hub"), count(resentAs, "before"),
        resentReplied);
    return new Count(phase, sent, failed, accepted, answered, refused, unrepliedAccepted, lostTaken, lostBefore,
        resent, stopMillis);
  }

  private static int count(Map<String, String> resentAs, String kind) {
    return (int) resentAs.values().stream().filter(kind::equals).count();
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private boolean accepted(Person p, String id) {
    return executions.byRequest(p.agent.owner(), p.agent.id(), id).await().isPresent();
  }

  private void people(EjabberdServer a, EjabberdServer b) throws Exception {
    UserRepository users = new UserRepository(database.ownerScope());
    AgentRepository agents = new AgentRepository(database.ownerScope(), b.componentDomain());
    for (EjabberdServer node : List.of(a, b)) {
      for (int i = 0; i < USERS_PER_NODE; i++) {
        XMPPTCPConnection xmpp = node.newUser(node == a ? "on-a" : "on-b");
        User user = users.create(xmpp.getUser().getLocalpart().toString(), xmpp.getUser().asBareJid().toString())
            .await();
        Agent agent = agents.create(user.id(), new NewAgent(new JsonObject().put("name", "chaos " + i),
            new JsonObject().put("model", "scripted").put("max_tokens", 64), null, null, null, Visibility.PRIVATE))
            .await();
        Person p = new Person(xmpp, agent);
        everyone.add(p);
        if (node == a) {
          onA.add(p);
        }
      }
    }
  }

  private static CompletableFuture<HubProcess> startAsync(String name, Path dir, JsonObject config) {
    return CompletableFuture.supplyAsync(() -> HubProcess.start(name, dir.resolve(name), config, READY));
  }

  /** The nodes' shared configuration: both ejabberd nodes, the scripted model, no console. */
  private JsonObject config(TestServers servers, EjabberdServer a, EjabberdServer b) {
    JsonObject base = TestHubConfig.json(servers, b);
    JsonObject xmpp = base.getJsonObject("xmpp");
    xmpp.remove("componentPort");
    xmpp.put("servers", new JsonArray()
        .add(new JsonObject().put("host", a.host()).put("componentPort", a.componentPort()))
        .add(new JsonObject().put("host", b.host()).put("componentPort", b.componentPort())));
    base.put("inference", new JsonObject().put("default_model", "scripted").put("models", new JsonObject()
        .put("scripted", new JsonObject().put("provider", "openai").put("base_url", model.baseUrl())
            .put("model", "scripted").put("timeout_seconds", 30).put("slots", 8))));
    return base.put("web", new JsonObject().put("enabled", false));
  }

  private static JsonObject node(JsonObject base, String role, int port, JsonArray members) {
    return base.copy().put("cluster", new JsonObject().put("enabled", true).put("role", role)
        .put("name", "aiox-chaos-" + members.hashCode()).put("host", "127.0.0.1").put("port", port)
        .put("members", members));
  }
}

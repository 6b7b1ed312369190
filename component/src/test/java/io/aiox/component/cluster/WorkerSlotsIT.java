package io.aiox.component.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.ChatOwner;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.aiox.worker.turn.WorkerLoad;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;

/**
 * Turns go to the worker with free slots: a component node (this JVM) and two worker processes serving the same
 * model, worker A with one slot and worker B with three, each on a scripted model of its own that takes a second
 * per answer and says which worker asked. Four messages a quarter of a second apart fill the four slots: one runs
 * on A and three on B, where round robin would have put two on A (one of them waiting in A's queue).
 */
@ExtendWith(RealServers.class)
class WorkerSlotsIT {
  private static final Duration READY = Duration.ofSeconds(90);
  private static final List<ScriptedToolModel> models = new ArrayList<>();
  private static Hub component;
  private static final List<HubProcess> workers = new ArrayList<>();
  private static XMPPTCPConnection owner;
  private static EntityBareJid agent;

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    JsonObject base = TestHubConfig.json(servers);
    int componentPort = Ports.free();
    int[] workerPorts = {Ports.free(), Ports.free()};
    JsonArray members = new JsonArray().add("127.0.0.1:" + componentPort).add("127.0.0.1:" + workerPorts[0])
        .add("127.0.0.1:" + workerPorts[1]);
    component = Hub.start(HubConfig.fromJson(base.copy().put("inference", inference(model("none"), 1))
        .put("cluster", cluster("component", componentPort, members))));
    Set<String> announced = ConcurrentHashMap.newKeySet();
    component.vertx().eventBus().<WorkerLoad>consumer(WorkerLoad.ADDRESS, m -> announced.add(m.body().node()));
    Path dir = Files.createTempDirectory("aiox-slots");
    String[] names = {"A", "B"};
    int[] slots = {1, 3};
    for (int i = 0; i < 2; i++) {
      JsonObject config = base.copy().put("inference", inference(model(names[i]), slots[i]))
          .put("cluster", cluster("worker", workerPorts[i], members)).put("web", new JsonObject().put("enabled",
              false));
      workers.add(HubProcess.start("worker-" + names[i], dir.resolve("worker-" + names[i]), config, READY));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (announced.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(announced).as("both workers announce their load").hasSize(2);
    ChatOwner chatOwner = ChatOwner.register(component, servers.ejabberd(), "slots");
    owner = chatOwner.xmpp();
    agent = chatOwner.agent(component, servers.ejabberd(), "weighed", "scripted");
    AgentChat.ask(owner, agent, "warm up", Duration.ofSeconds(30));
  }

  /** A scripted model that takes a second per answer (its requests one after another) and names the worker. */
  private static String model(String worker) {
    ScriptedToolModel m = ScriptedToolModel.start(body -> {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Answer(worker + ": " + ScriptedToolModel.lastUserText(body));
    });
    models.add(m);
    return m.baseUrl();
  }

  private static JsonObject inference(String baseUrl, int slots) {
    return new JsonObject().put("default_model", "scripted").put("models", new JsonObject()
        .put("scripted", new JsonObject().put("provider", "openai").put("base_url", baseUrl)
            .put("model", "scripted").put("timeout_seconds", 30).put("slots", slots)));
  }

  private static JsonObject cluster(String role, int port, JsonArray members) {
    return new JsonObject().put("enabled", true).put("role", role).put("name", "aiox-slots-" + members.hashCode())
        .put("host", "127.0.0.1").put("port", port).put("members", members);
  }

  @AfterAll
  static void stop() {
    if (owner != null) {
      owner.disconnect();
    }
    workers.forEach(HubProcess::close);
    if (component != null) {
      component.close();
    }
    models.forEach(ScriptedToolModel::close);
  }

  @Test
  void turns_go_to_the_worker_with_free_slots() throws Exception {
    Map<String, Integer> byWorker = new TreeMap<>();
    try (StanzaCollector collector = owner.createStanzaCollector(FromMatchesFilter.createBare(agent))) {
      for (int i = 0; i < 4; i++) {
        owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(agent).ofType(Message.Type.chat)
            .setBody("turn " + i).build());
        Thread.sleep(250);
      }
      List<Message> answers = new ArrayList<>();
      List<Message> errors = new ArrayList<>();
      AgentChat.collect(collector, answers, errors, () -> answers.size() + errors.size() >= 4,
          Duration.ofSeconds(30));
      assertThat(errors).as("no turn refused").isEmpty();
      for (Message m : answers) {
        byWorker.merge(m.getBody().substring(0, 1), 1, Integer::sum);
      }
    }
    assertThat(byWorker).as("one turn on A's one slot, three on B's three").isEqualTo(Map.of("A", 1, "B", 3));
  }
}

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * A component node (this JVM) and two worker nodes (processes of their own) on one clustered event bus: turns taken
 * by the component run on the workers; a worker killed without warning leaves the other answering, and no message
 * goes unanswered or is answered twice.
 */
@ExtendWith(RealServers.class)
class ClusterIT {
  private static final Duration READY = Duration.ofSeconds(90);
  private static ScriptedToolModel model;
  private static Hub component;
  private static final List<HubProcess> workers = new ArrayList<>();
  private static XMPPTCPConnection owner;
  private static EntityBareJid agent;

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    model = ScriptedToolModel.start(body -> new Answer("answered: " + ScriptedToolModel.lastUserText(body)));
    JsonObject base = TestHubConfig.json(servers);
    base.put("inference", new JsonObject().put("default_model", "scripted").put("models", new JsonObject()
        .put("scripted", new JsonObject().put("provider", "openai").put("base_url", model.baseUrl())
            .put("model", "scripted").put("timeout_seconds", 30))));
    int componentPort = Ports.free();
    int[] workerPorts = {Ports.free(), Ports.free()};
    JsonArray members = new JsonArray().add("127.0.0.1:" + componentPort).add("127.0.0.1:" + workerPorts[0])
        .add("127.0.0.1:" + workerPorts[1]);
    component = Hub.start(HubConfig.fromJson(base.copy().put("cluster", cluster("component", componentPort,
        members))));
    Path dir = Files.createTempDirectory("aiox-cluster");
    for (int i = 0; i < workerPorts.length; i++) {
      JsonObject config = base.copy().put("cluster", cluster("worker", workerPorts[i], members))
          .put("web", new JsonObject().put("enabled", false));
      workers.add(HubProcess.start("worker-" + i, dir.resolve("worker-" + i), config, READY));
    }
    ChatOwner chatOwner = ChatOwner.register(component, servers.ejabberd(), "cluster");
    owner = chatOwner.xmpp();
    agent = chatOwner.agent(component, servers.ejabberd(), "spread", "scripted");
    // The workers' consumers reach the component's view of the bus a moment after they log "ready".
    AgentChat.ask(owner, agent, "warm up", Duration.ofSeconds(30));
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
    if (model != null) {
      model.close();
    }
  }

  private static JsonObject cluster(String role, int port, JsonArray members) {
    return new JsonObject().put("enabled", true).put("role", role).put("name", "aiox-it-" + members.hashCode())
        .put("host", "127.0.0.1").put("port", port).put("members", members);
  }

  @Test
  void turns_run_on_worker_processes_and_a_killed_worker_leaves_the_other_answering() throws Exception {
    Map<String, Integer> before = burst("first", 8);
    assertThat(before).as("each message answered once, by a worker: the component node runs no model")
        .hasSize(8).allSatisfy((body, n) -> assertThat(n).isEqualTo(1));

    workers.get(0).kill();
    Map<String, Integer> after = burst("second", 8);
    assertThat(after).as("after a worker died every message has one reply, an answer or an error with text")
        .hasSize(8).allSatisfy((body, n) -> assertThat(n).isEqualTo(1));
    Message last = AgentChat.ask(owner, agent, "still there?", Duration.ofSeconds(30));
    assertThat(last.getBody()).isEqualTo("answered: still there?");
  }

  /** Sends {@code n} messages at once and counts the replies to each (an answer's text, or an error's). */
  private static Map<String, Integer> burst(String name, int n) throws Exception {
    Map<String, Integer> replies = new TreeMap<>();
    try (StanzaCollector collector = owner.createStanzaCollector(FromMatchesFilter.createBare(agent))) {
      for (int i = 0; i < n; i++) {
        owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(agent).ofType(Message.Type.chat)
            .setBody(name + " " + i).build());
      }
      List<Message> answers = new ArrayList<>();
      List<Message> errors = new ArrayList<>();
      AgentChat.collect(collector, answers, errors, () -> answers.size() + errors.size() >= n,
          Duration.ofSeconds(60));
      for (Message m : answers) {
        replies.merge(m.getBody().replace("answered: ", ""), 1, Integer::sum);
      }
      for (Message m : errors) {
        String text = m.getError() == null ? null : m.getError().getDescriptiveText();
        assertThat(text).as("an error says why").isNotBlank();
        replies.merge("error: " + text + " #" + m.getStanzaId(), 1, Integer::sum);
      }
      // Anything late would be a second reply: give it a moment to show.
      Message extra = collector.nextResult(1_000);
      assertThat(extra == null || extra.getBody() == null).as("no reply beyond one per message").isTrue();
    }
    return replies;
  }
}

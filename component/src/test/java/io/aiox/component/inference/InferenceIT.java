package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
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
import io.aiox.testkit.llm.GgufChatServer;
import io.aiox.policy.crypto.MasterKey;
import io.aiox.policy.crypto.SecurityConfig;
import io.aiox.policy.crypto.Vault;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** End to end with real llama.cpp: ejabberd, the component, the inference verticle and the generated gemma3 model. */
@ExtendWith(RealServers.class)
class InferenceIT {
  private static final int SLOTS = 2;
  private static final int QUEUE = 8;

  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;
  private static GgufChatServer remote;
  private static java.nio.file.Path masterKey;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    remote = GgufChatServer.start(DemoModelFixture.model(), "gemma3-remote", 1);
    masterKey = java.nio.file.Files.createTempFile("aiox-master", ".key");
    java.nio.file.Files.writeString(masterKey, MasterKey.generate().hex());
    config.put("security", new JsonObject().put("master_key_file", masterKey.toString()));
    config.put("inference", new JsonObject().put("default_model", "demo").put("queue_limit", QUEUE)
        .put("models", new JsonObject()
            .put("remote", new JsonObject().put("provider", "openai").put("base_url", remote.baseUrl())
                .put("model", "gemma3-remote").put("slots", 1).put("timeout_seconds", 30))
            // a generous deadline: on a loaded machine the floods below still fit in it, so the queue admits them
            .put("demo", new JsonObject().put("path", DemoModelFixture.model().toString()).put("context_size", 4096)
                .put("threads", 2).put("slots", SLOTS).put("demo", true).put("timeout_seconds", 300))
            .put("missing", new JsonObject().put("path", "/nonexistent/model.gguf"))));
    hub = Hub.start(HubConfig.fromJson(config));
    owner = ejabberd.newUser("thinker");
    ownerUser = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    hub.close();
    remote.close();
    masterKey.toFile().delete();
  }

  private static EntityBareJid agent(String name, JsonObject llm) throws Exception {
    Agent a = agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", name), llm, null, null, null,
        Visibility.PRIVATE)).await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  @Test
  void the_owner_gets_a_llama_cpp_answer_with_exact_token_counts_recorded() throws Exception {
    EntityBareJid jid = agent("Thinker", new JsonObject().put("model", "demo").put("max_tokens", 12));
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody("Tell me about XMPP.").build());
      Message answer = replies.nextResult(60_000);
      while (answer != null && answer.getBody() == null) { // composing, when the answer took over 300 ms
        assertThat(answer.hasExtension("composing", "http://jabber.org/protocol/chatstates")).isTrue();
        answer = replies.nextResult(60_000);
      }
      assertThat(answer).isNotNull();
      assertThat(answer.getType()).isEqualTo(Message.Type.chat);
      assertThat(answer.getBody()).isNotBlank();
    }
    JsonObject row = lastExecution(jid);
    assertThat(row.getString("status")).isEqualTo("completed");
    assertThat(row.getString("provider")).isEqualTo("local");
    assertThat(row.getString("model")).isEqualTo("demo");
    assertThat(row.getInteger("prompt_tokens")).as("prompt tokens from llama.cpp").isGreaterThan(5);
    assertThat(row.getInteger("completion_tokens")).as("completion tokens from llama.cpp").isBetween(1, 12);
  }

  @Test
  void a_model_that_did_not_load_falls_back_and_without_a_fallback_the_user_is_told() throws Exception {
    EntityBareJid withFallback = agent("Careful", new JsonObject().put("model", "missing").put("max_tokens", 8)
        .put("fallbacks", new JsonArray().add("demo")));
    assertThat(ask(withFallback, "hello").getType()).isEqualTo(Message.Type.chat);
    assertThat(lastExecution(withFallback).getString("model")).isEqualTo("demo");

    EntityBareJid alone = agent("Alone", new JsonObject().put("model", "missing"));
    Message error = ask(alone, "hello");
    assertThat(error.getType()).isEqualTo(Message.Type.error);
    assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
    assertThat(error.getError().getDescriptiveText()).contains("missing").contains("/nonexistent/model.gguf");
    assertThat(lastExecution(alone).getString("status")).isEqualTo("failed");
  }

  @Test
  void a_dead_local_model_falls_back_to_an_openai_compatible_endpoint_and_the_record_says_so() throws Exception {
    EntityBareJid jid = agent("Resilient", new JsonObject().put("model", "missing").put("max_tokens", 8)
        .put("fallbacks", new JsonArray().add("remote")));
    Message answer = ask(jid, "hello over HTTP");
    assertThat(answer.getType()).isEqualTo(Message.Type.chat);
    JsonObject row = lastExecution(jid);
    assertThat(row.getString("status")).isEqualTo("completed");
    assertThat(row.getString("model")).isEqualTo("remote");
    assertThat(row.getString("provider")).isEqualTo("openai " + remote.baseUrl());
    assertThat(row.getInteger("prompt_tokens")).as("usage reported by the endpoint").isGreaterThan(5);
    assertThat(row.getInteger("completion_tokens")).isBetween(1, 8);
    JsonObject sent = remote.requests().get(remote.requests().size() - 1);
    assertThat(sent.getBoolean("stream")).as("the fallback streams").isTrue();
    assertThat(sent.getJsonArray("messages").encode()).contains("hello over HTTP");
  }

  @Test
  void the_sealed_system_prompt_is_opened_for_the_turn_and_sent_to_the_model() throws Exception {
    Agent a = agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", "Sealed"),
        new JsonObject().put("model", "remote").put("max_tokens", 4), null, null, null, Visibility.PRIVATE)).await();
    EntityBareJid jid = JidCreate.entityBareFrom(a.jid().toString());
    Vault vault = Vault.create(hub.vertx(), hub.database(), agents, SecurityConfig.fromJson(new JsonObject()
        .put("master_key_file", masterKey.toString())));
    assertThat(vault.setSystemPrompt(ownerUser.id(), a.id(), "Codeword ZEBRA-42: answer in French.").await())
        .isTrue();
    assertThat(ask(jid, "bonjour").getType()).isEqualTo(Message.Type.chat);
    JsonObject sent = remote.requests().get(remote.requests().size() - 1);
    JsonObject system = sent.getJsonArray("messages").getJsonObject(0);
    assertThat(system.getString("role")).isEqualTo("system");
    assertThat(system.getValue("content").toString()).contains("You are Sealed").contains("Codeword ZEBRA-42");
  }

  @Test
  void stop_from_the_peer_ends_a_long_turn_with_what_it_had() throws Exception {
    // rfc/aiox-agents.md section 6: a message "stop" ends the sender's running turn
    EntityBareJid jid = agent("Talkative", new JsonObject().put("model", "demo").put("max_tokens", 4000));
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody("Write a very long story.").build());
      assertThat(replies.nextResult(10_000).hasExtension("composing", "http://jabber.org/protocol/chatstates"))
          .isTrue();
      Thread.sleep(500);
      long stoppedAt = System.nanoTime();
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody("stop").build());
      Message answer = null;
      while (answer == null) {
        Message m = replies.nextResult(30_000);
        assertThat(m).as("an answer after stop").isNotNull();
        answer = m.getBody() != null ? m : null;
      }
      assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(10));
      assertThat(answer.getBody()).endsWith("(stopped: stopped by the peer)");
    }
    JsonObject row = lastExecution(jid);
    assertThat(row.getString("status")).isEqualTo("cancelled");
    assertThat(row.getInteger("completion_tokens")).isBetween(1, 3999);
  }

  @Test
  void ten_concurrent_conversations_complete_and_an_eleventh_is_refused_with_resource_constraint() throws Exception {
    EntityBareJid jid = agent("Busy", new JsonObject().put("model", "demo").put("max_tokens", 48));
    // until the model has ended a turn the queue assumes half its deadline per turn and lets one round wait
    assertThat(ask(jid, "warm up").getType()).isEqualTo(Message.Type.chat);
    int sent = SLOTS + QUEUE + 1;
    List<Message> answers = new ArrayList<>();
    List<Message> errors = new ArrayList<>();
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      for (int i = 0; i < sent; i++) {
        owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
            .setBody("question " + i).build());
      }
      collect(replies, answers, errors, () -> answers.size() + errors.size() >= sent);
    }
    assertThat(answers).as(() -> "conversations that completed; the errors: " + errors.stream()
        .map(e -> e.getError().getCondition() + " " + e.getError().getDescriptiveText()).toList())
        .hasSize(SLOTS + QUEUE);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
    // The QoS queue in front of the model is full: the text says when to try again (docs/operations.md, "QoS").
    assertThat(errors.get(0).getError().getDescriptiveText()).contains("busy").containsPattern("retry after \\d+ s");
  }

  @Test
  void another_owners_turn_is_answered_while_one_owner_floods_the_model() throws Exception {
    // docs/operations.md, "QoS": an owner below its fair share takes the newest waiting place of the flooding one
    EntityBareJid flooded = agent("Flooded", new JsonObject().put("model", "demo").put("max_tokens", 100));
    assertThat(ask(flooded, "warm up").getType()).isEqualTo(Message.Type.chat);
    XMPPTCPConnection other = servers.ejabberd().newUser("neighbour");
    User otherUser = new UserRepository(hub.database().ownerScope())
        .create(other.getUser().getLocalpart().toString(), other.getUser().asBareJid().toString()).await();
    Agent theirs = agents.create(otherUser.id(), new NewAgent(new JsonObject().put("name", "Neighbour"),
        new JsonObject().put("model", "demo").put("max_tokens", 8), null, null, null, Visibility.PRIVATE)).await();
    int flood = SLOTS + QUEUE + 1;
    List<Message> answers = new ArrayList<>();
    List<Message> errors = new ArrayList<>();
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(flooded))) {
      for (int i = 0; i < flood; i++) {
        owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(flooded).ofType(Message.Type.chat)
            .setBody("flood " + i).build());
      }
      collect(replies, answers, errors, () -> !errors.isEmpty()); // the queue is full: the flood's last is refused
      assertThat(answers).as("the flood is still running").hasSizeLessThan(SLOTS);
      Message theirAnswer = AgentChat.ask(other, JidCreate.entityBareFrom(theirs.jid().toString()), "hello",
          Duration.ofSeconds(120));
      assertThat(theirAnswer.getType()).as(() -> "the other owner's answer: " + (theirAnswer.getError() == null
          ? "" : theirAnswer.getError().getDescriptiveText())).isEqualTo(Message.Type.chat);
      for (Message m = replies.pollResult(); m != null; m = replies.pollResult()) {
        file(m, answers, errors); // what had arrived when the other owner got its answer
      }
      assertThat(answers).as("the flood had turns left when the other owner was answered")
          .hasSizeLessThan(SLOTS + QUEUE - 1);
      assertThat(errors).hasSize(2);
      assertThat(errors.get(1).getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
      assertThat(errors.get(1).getError().getDescriptiveText()).contains("gave its place to another owner's")
          .containsPattern("retry after \\d+ s");
      // end the rest of the flood, so that it does not slow the next test down
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(flooded).ofType(Message.Type.chat)
          .setBody("stop").build());
      collect(replies, answers, errors, () -> answers.size() + errors.size() >= flood);
    } finally {
      other.disconnect();
    }
  }

  /** Takes the agent's answers and errors until {@code enough} holds or 120 s pass. */
  private static void collect(StanzaCollector replies, List<Message> answers, List<Message> errors,
                              java.util.function.BooleanSupplier enough) throws Exception {
    AgentChat.collect(replies, answers, errors, enough, Duration.ofSeconds(120));
  }

  private static void file(Message m, List<Message> answers, List<Message> errors) {
    if (m.getType() == Message.Type.error) {
      errors.add(m);
    } else if (m.getBody() != null) {
      answers.add(m);
    }
  }

  private static JsonObject lastExecution(EntityBareJid jid) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT e.status, e.provider, e.model, e.prompt_tokens, e.completion_tokens FROM executions e"
            + " JOIN agents a ON a.id = e.agent_id WHERE a.jid = ? ORDER BY e.created_at DESC LIMIT 1")) {
      q.setString(1, jid.toString());
      ResultSet rs = q.executeQuery();
      assertThat(rs.next()).as("an execution for " + jid).isTrue();
      return new JsonObject().put("status", rs.getString(1)).put("provider", rs.getString(2))
          .put("model", rs.getString(3)).put("prompt_tokens", (Integer) rs.getObject(4))
          .put("completion_tokens", (Integer) rs.getObject(5));
    }
  }

  private static Message ask(EntityBareJid jid, String body) throws Exception {
    return AgentChat.ask(owner, jid, body, Duration.ofSeconds(60));
  }
}

package io.aiox.component.inference;

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
import io.aiox.schema.user.User;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

/**
 * The prompt as it is sent is what a turn holds and is charged (docs/operations.md, "How a turn is counted"): the
 * system prompt, the history and the message, counted by llama.cpp's own tokenizer and fitted to a slot's window,
 * with real llama.cpp on the generated gemma3 model behind real ejabberd.
 */
@ExtendWith(RealServers.class)
class PromptBudgetIT {
  private static final int SLOTS = 2;
  /** The model "small": the same file with a small context, so a conversation outgrows it in a few turns. */
  private static final int SMALL_CONTEXT = 2048;
  private static final int WINDOW = SMALL_CONTEXT / SLOTS;
  private static final String[] WORDS = {"governance", "federation", "the", "agent", "answers", "quota", "owner",
      "memory", "stanza", "server", "policy", "tool", "with", "and", "of", "reliable", "approval", "window"};

  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    config.put("inference", new JsonObject().put("default_model", "demo").put("queue_limit", 32)
        .put("models", new JsonObject()
            .put("demo", new JsonObject().put("path", DemoModelFixture.model().toString())
                .put("context_size", 4096).put("threads", 2).put("slots", SLOTS).put("demo", true))
            .put("small", new JsonObject().put("path", DemoModelFixture.model().toString())
                .put("context_size", SMALL_CONTEXT).put("threads", 2).put("slots", SLOTS).put("demo", true))));
    hub = Hub.start(HubConfig.fromJson(config));
    ChatOwner chatOwner = ChatOwner.register(hub, ejabberd, "budget");
    owner = chatOwner.xmpp();
    ownerUser = chatOwner.user();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    hub.close();
  }

  /**
   * docs/operations.md: concurrent turns never together pass a limit by more than one turn. Each turn sends a
   * 5,000-character system prompt that admission cannot see; 40 messages at once against 3,000 tokens a day.
   */
  @Test
  void concurrent_turns_with_a_long_system_prompt_never_pass_the_day_limit_by_more_than_one_turn() throws Exception {
    long limit = 3_000;
    int maxTokens = 16;
    EntityBareJid jid = agent("Verbose", "demo", text(5_000, 1), maxTokens, new JsonObject().put("max_tokens_per_day", limit),
        new JsonObject());
    int sent = 40;
    List<Message> answers = new ArrayList<>();
    List<Message> errors = new ArrayList<>();
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      for (int i = 0; i < sent; i++) {
        owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
            .setBody("question number " + i + ", please answer briefly").build());
      }
      AgentChat.collect(replies, answers, errors, () -> answers.size() + errors.size() >= sent,
          Duration.ofSeconds(240));
    }
    assertThat(answers.size() + errors.size()).as("every message answered or refused").isEqualTo(sent);
    assertThat(answers).as("some turns ran").isNotEmpty();
    assertThat(errors).as("the day's limit refused the rest with policy-violation")
        .anySatisfy(e -> {
          assertThat(e.getError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
          assertThat(e.getError().getDescriptiveText()).contains("tokens per day limit (3000)");
        });
    long[] used = usage(jid);
    long oneTurn = used[1] + maxTokens;
    assertThat(used[0]).as("tokens charged to the agent today (one turn's prompt: %d)", used[1])
        .isLessThanOrEqualTo(limit + oneTurn);
    assertThat(charged(jid)).as("the day's total in PostgreSQL is what the executions used").isEqualTo(used[0]);
  }

  /** A history longer than the window is cut from its oldest turns; every prompt and its answer fit a slot. */
  @Test
  void a_conversation_longer_than_the_window_keeps_its_newest_turns_and_every_turn_fits() throws Exception {
    int maxTokens = 32;
    int turns = 6;
    EntityBareJid jid = agent("Chatty", "small", text(600, 2), maxTokens, new JsonObject(),
        new JsonObject().put("short_term_limit", 40));
    for (int i = 0; i < turns; i++) {
      Message answer = AgentChat.ask(owner, jid, "part " + i + ": " + text(1_200, 10 + i), Duration.ofSeconds(90));
      assertThat(answer.getType()).as(() -> "turn " + answer.getError()).isEqualTo(Message.Type.chat);
    }
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT e.status, e.prompt_tokens, e.completion_tokens FROM executions e JOIN agents a ON a.id = e.agent_id"
            + " WHERE a.jid = ? ORDER BY e.created_at")) {
      q.setString(1, jid.toString());
      ResultSet rs = q.executeQuery();
      int rows = 0;
      int largest = 0;
      while (rs.next()) {
        rows++;
        assertThat(rs.getString(1)).isEqualTo("completed");
        assertThat(rs.getInt(2)).as("prompt tokens charged never exceed a slot's window less max_tokens")
            .isLessThanOrEqualTo(WINDOW - maxTokens);
        largest = Math.max(largest, rs.getInt(2));
      }
      assertThat(rows).isEqualTo(turns);
      assertThat(largest).as("the history did fill the window").isGreaterThan(WINDOW / 2);
    }
  }

  /** A message that cannot fit the window even alone is refused with a text that says so, never cut silently. */
  @Test
  void a_message_larger_than_the_window_is_refused_with_the_sizes() throws Exception {
    EntityBareJid jid = agent("Small window", "small", "", 64, new JsonObject(), new JsonObject());
    Message error = AgentChat.ask(owner, jid, text(12_000, 3), Duration.ofSeconds(60));
    assertThat(error.getType()).isEqualTo(Message.Type.error);
    assertThat(error.getError().getDescriptiveText()).contains("cannot take this turn").contains("window of " + WINDOW);
  }

  private static EntityBareJid agent(String name, String model, String instructions, int maxTokens,
                                     JsonObject governance, JsonObject memory) throws Exception {
    Agent a = agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", name)
        .put("instructions", instructions), new JsonObject().put("model", model).put("max_tokens", maxTokens),
        null, memory, governance, Visibility.PRIVATE)).await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  /** Words that tokenize to about one token each, {@code chars} long. */
  private static String text(int chars, long seed) {
    Random random = new Random(seed);
    StringBuilder b = new StringBuilder();
    while (b.length() < chars) {
      b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return b.substring(0, chars);
  }



  /** Tokens the agent's executions used, and the largest prompt of one. */
  private static long[] usage(EntityBareJid jid) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT coalesce(sum(coalesce(e.prompt_tokens, 0) + coalesce(e.completion_tokens, 0)), 0),"
            + " coalesce(max(e.prompt_tokens), 0) FROM executions e JOIN agents a ON a.id = e.agent_id"
            + " WHERE a.jid = ?")) {
      q.setString(1, jid.toString());
      ResultSet rs = q.executeQuery();
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** The agent's day total in PostgreSQL, once the settled turns gathering for it are written. */
  private static long charged(EntityBareJid jid) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long total = -1;
    while (System.nanoTime() < deadline) {
      try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
          "SELECT coalesce(sum(d.tokens_used), 0) FROM agent_quota_days d JOIN agents a ON a.id = d.agent_id"
              + " WHERE a.jid = ?")) {
        q.setString(1, jid.toString());
        ResultSet rs = q.executeQuery();
        rs.next();
        total = rs.getLong(1);
      }
      if (total == usage(jid)[0]) {
        return total;
      }
      Thread.sleep(200);
    }
    return total;
  }
}

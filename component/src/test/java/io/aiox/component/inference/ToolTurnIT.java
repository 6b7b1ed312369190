package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.ChatOwner;
import io.aiox.component.AgentRows;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.xmpp.approval.ApprovalForm;
import io.aiox.component.xmpp.chat.ToolStatus;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.aiox.testkit.llm.ScriptedToolModel.Call;
import io.aiox.testkit.llm.ScriptedToolModel.Calls;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A chat turn that acts (rfc/aiox-agents.md section 9.10): the model asks for tools, the hub runs each call through
 * the agent's policy (and the owner's approval, section 9.4) and asks the model again with the results, until it
 * answers. The model is a scripted OpenAI-compatible server (a fixture); the hub, ejabberd, PostgreSQL, Redis, the
 * tool's HTTP target and the owner's Smack client are real.
 */
@ExtendWith(RealServers.class)
class ToolTurnIT {
  private static final int MAX_ROUNDS = 2;

  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;
  private static ScriptedToolModel model;
  private static io.vertx.core.Vertx webVertx;
  private static HttpServer web;
  private static int port;
  private static final AtomicInteger hits = new AtomicInteger();

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    webVertx = io.vertx.core.Vertx.vertx();
    web = webVertx.createHttpServer().requestHandler(req -> {
      hits.incrementAndGet();
      req.response().end("the weather in Lyon is sunny");
    }).listen(0, "127.0.0.1").await();
    port = web.actualPort();
    model = ScriptedToolModel.start(ToolTurnIT::script);
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    config.put("inference", new JsonObject().put("default_model", "scripted")
        .put("tools", new JsonObject().put("max_rounds", MAX_ROUNDS))
        .put("models", new JsonObject().put("scripted", new JsonObject().put("provider", "openai")
            .put("base_url", model.baseUrl()).put("model", "scripted").put("timeout_seconds", 60))
            // Anthropic's messages API, natively; the fixture takes any key (HOME is merely a variable that is set)
            .put("claude", new JsonObject().put("provider", "anthropic").put("base_url", model.baseUrl() + "/")
                .put("model", "scripted-claude").put("api_key_env", "HOME").put("timeout_seconds", 60))
            .put("demo", new JsonObject().put("path", DemoModelFixture.model().toString()).put("context_size", 4096)
                .put("threads", 2).put("slots", 1).put("demo", true).put("tool_string_max", 12))));
    hub = Hub.start(HubConfig.fromJson(config));
    ChatOwner chatOwner = ChatOwner.register(hub, ejabberd, "actor");
    owner = chatOwner.xmpp();
    ownerUser = chatOwner.user();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    hub.close();
    model.close();
    webVertx.close().await();
  }

  /**
   * The scripted model: with no tools offered it answers; after a tool result it answers with that result; else the
   * user's message says what to call: "fetch PATH", "fetch-bad-json", "fetch-forever".
   */
  private static ScriptedToolModel.Step script(JsonObject body) {
    if (!body.containsKey("tools")) {
      return new Answer("giving up without tools");
    }
    String user = ScriptedToolModel.lastUserText(body);
    if (ScriptedToolModel.afterTool(body) && !user.startsWith("fetch-forever")) {
      return new Answer("tool said: " + ScriptedToolModel.lastToolResult(body));
    }
    if (user.startsWith("fetch-bad-json")) {
      return new Calls(List.of(new Call("http_request", "{\"url\": ")));
    }
    String path = user.startsWith("fetch ") ? user.substring(6) : "/forever";
    return new Calls(List.of(new Call("http_request",
        new JsonObject().put("url", "http://127.0.0.1:" + port + path).encode())));
  }

  private static EntityBareJid agent(String name, JsonObject policy) throws Exception {
    return agent(name, policy, new JsonObject().put("model", "scripted").put("max_tokens", 64));
  }

  private static EntityBareJid agent(String name, JsonObject policy, JsonObject llm) throws Exception {
    Agent a = agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", name), llm, null, null, null,
        Visibility.PRIVATE)).await();
    if (policy != null) {
      new AgentToolRepository(hub.database().ownerScope()).enable(ownerUser.id(), a.id(), "http_request", policy)
          .await();
    }
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  private static JsonObject allowLocal() {
    return new JsonObject().put("allowed_domains", new JsonArray().add("127.0.0.1"))
        .put("allowed_addresses", new JsonArray().add("127.0.0.1"));
  }

  /** Sends {@code body} and collects what the agent sends back until its answer (a chat message with a body). */
  private static List<Message> turn(EntityBareJid jid, String body) throws Exception {
    List<Message> got = new ArrayList<>();
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody(body).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m == null) {
          continue;
        }
        got.add(m);
        if (m.getType() == Message.Type.error || m.getBody() != null && !m.hasExtension("tool", ToolStatus.NAMESPACE)) {
          return got;
        }
      }
    }
    throw new AssertionError("no answer; got " + got);
  }

  private static Message answer(List<Message> got) {
    return got.get(got.size() - 1);
  }

  private int requestsSoFar() {
    return model.requests().size();
  }

  @Test
  void an_allowed_call_runs_and_its_result_is_in_the_next_prompt_and_every_round_is_charged() throws Exception {
    EntityBareJid jid = agent("Weather", allowLocal());
    int first = requestsSoFar();
    int hitsBefore = hits.get();
    List<Message> got = turn(jid, "fetch /weather");
    assertThat(answer(got).getBody()).contains("tool said:").contains("sunny");
    assertThat(got).as("a short status while the tool ran").anySatisfy(m ->
        assertThat(m.getBody()).isEqualTo("(using the tool http_request …)"));
    assertThat(hits.get()).isEqualTo(hitsBefore + 1);
    assertThat(model.contents(first + 1, "tool")).singleElement().asString().contains("the weather in Lyon is sunny");
    assertThat(model.requests().get(first).getJsonArray("tools").getJsonObject(0).getJsonObject("function")
        .getString("name")).isEqualTo("http_request");
    JsonObject row = lastExecution(jid);
    assertThat(row.getInteger("prompt_tokens")).as("both rounds charged").isEqualTo(2 * ScriptedToolModel.PROMPT_TOKENS);
    assertThat(row.getJsonArray("tools_called").encode()).contains("http_request").contains("executed");
    assertThat(events(jid)).contains("tool.allowed", "tool.executed");
  }

  /** A message redelivered with the same id (XEP-0359 origin-id) never runs its tool call a second time. */
  @Test
  void a_redelivered_message_runs_its_tool_call_once() throws Exception {
    EntityBareJid jid = agent("Once", allowLocal());
    int hitsBefore = hits.get();
    String id = "redelivered-" + System.nanoTime();
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      for (int i = 0; i < 2; i++) {
        Message m = owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
            .setBody("fetch /once").build();
        m.setStanzaId(id);
        m.addExtension(new org.jivesoftware.smackx.sid.element.OriginIdElement(id));
        owner.sendStanza(m);
      }
      List<String> answers = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(500);
        if (m != null && m.getBody() != null && m.getBody().startsWith("tool said:")) {
          answers.add(m.getBody());
        }
      }
      assertThat(answers).as("one answer for one request id").hasSize(1);
    }
    assertThat(hits.get()).as("the call ran once").isEqualTo(hitsBefore + 1);
  }

  /**
   * A client that lost its connection resends with the same id (XEP-0359 origin-id): the answer comes again from
   * the record, and no second turn runs (never silence, never two runs).
   */
  @Test
  void a_message_resent_after_its_answer_gets_the_answer_again_without_a_second_turn() throws Exception {
    EntityBareJid jid = agent("Again", allowLocal());
    String id = "resent-" + System.nanoTime();
    List<String> answers = new ArrayList<>();
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      for (int i = 0; i < 2; i++) {
        Message m = owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
            .setBody("fetch /again").build();
        m.setStanzaId(id);
        m.addExtension(new org.jivesoftware.smackx.sid.element.OriginIdElement(id));
        int before = requestsSoFar();
        owner.sendStanza(m);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (answers.size() <= i && System.nanoTime() < deadline) {
          Message r = replies.nextResult(500);
          if (r != null && r.getBody() != null && r.getBody().startsWith("tool said:")) {
            answers.add(r.getBody());
          }
        }
        if (i == 1) {
          assertThat(requestsSoFar()).as("the resend asked no model").isEqualTo(before);
        }
      }
    }
    assertThat(answers).as("the resend is answered, with the first answer").hasSize(2);
    assertThat(answers.get(1)).isEqualTo(answers.get(0));
  }

  @Test
  void a_refused_call_tells_the_model_why_and_is_audited() throws Exception {
    EntityBareJid jid = agent("Fenced", new JsonObject());
    int first = requestsSoFar();
    int hitsBefore = hits.get();
    List<Message> got = turn(jid, "fetch /secret");
    assertThat(answer(got).getBody()).contains("tool said: error: refused by the agent's policy");
    assertThat(model.contents(first + 1, "tool")).singleElement().asString().startsWith("error: refused");
    assertThat(hits.get()).as("never connected").isEqualTo(hitsBefore);
    assertThat(events(jid)).contains("tool.denied");
  }

  @Test
  void a_call_with_malformed_arguments_is_answered_as_an_error_and_never_run() throws Exception {
    EntityBareJid jid = agent("Sloppy", allowLocal());
    int hitsBefore = hits.get();
    List<Message> got = turn(jid, "fetch-bad-json");
    assertThat(answer(got).getBody()).contains("not a JSON object");
    assertThat(hits.get()).isEqualTo(hitsBefore);
    assertThat(events(jid)).doesNotContain("tool.executed");
  }

  @Test
  void a_model_that_keeps_calling_tools_is_stopped_at_the_round_bound_and_must_answer() throws Exception {
    EntityBareJid jid = agent("Restless", allowLocal());
    int first = requestsSoFar();
    List<Message> got = turn(jid, "fetch-forever");
    assertThat(answer(got).getBody()).isEqualTo("giving up without tools");
    int asked = requestsSoFar() - first;
    assertThat(asked).as("two rounds with tools, then one without").isEqualTo(MAX_ROUNDS + 1);
    assertThat(model.contents(first + MAX_ROUNDS, "tool")).last().asString()
        .contains("not run: this turn's " + MAX_ROUNDS + " tool rounds are used up");
  }

  /** rfc 9.4 from a chat: the owner approves the form the call sends, then the call runs and the model answers. */
  @Test
  void a_call_that_needs_approval_runs_once_the_owner_approves_over_xmpp() throws Exception {
    EntityBareJid jid = agent("Careful", allowLocal().put("requires_approval", true)
        .put("approval_timeout_seconds", 30));
    int hitsBefore = hits.get();
    try (StanzaCollector inbox = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody("fetch /approved").build());
      DataForm form = null;
      String answer = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (answer == null && System.nanoTime() < deadline) {
        Message m = inbox.nextResult(1_000);
        if (m == null) {
          continue;
        }
        if (form == null && m.hasExtension(DataForm.ELEMENT, DataForm.NAMESPACE)) {
          form = DataForm.from(m);
          DataForm submit = DataForm.builder(DataForm.Type.submit).setFormType(ApprovalForm.FORM_TYPE)
              .addField(FormField.builder("call_id").setValue(form.getField("call_id").getFirstValue()).build())
              .addField(FormField.builder("decision").setValue(ApprovalForm.APPROVE).build()).build();
          owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.normal)
              .addExtension(submit).build());
        } else if (m.getBody() != null && m.getBody().startsWith("tool said:")) {
          answer = m.getBody();
        }
      }
      assertThat(form).as("the approval form").isNotNull();
      assertThat(answer).contains("sunny");
    }
    assertThat(hits.get()).isEqualTo(hitsBefore + 1);
    assertThat(events(jid)).contains("tool.allowed", "tool.approved", "tool.executed");
  }

  /** The same loop on Anthropic's messages API: tool_use blocks in, tool_result blocks back. */
  @Test
  void an_anthropic_model_calls_a_tool_natively_and_answers_with_its_result() throws Exception {
    EntityBareJid jid = agent("Claude-like", allowLocal(), new JsonObject().put("model", "claude")
        .put("max_tokens", 64));
    int first = requestsSoFar();
    List<Message> got = turn(jid, "fetch /anthropic");
    assertThat(answer(got).getBody()).contains("tool said:").contains("sunny");
    JsonObject second = model.requests().get(first + 1);
    assertThat(second.getString("path", "")).isEmpty(); // the fixture keeps bodies; the route is in the model name
    assertThat(second.getString("model")).isEqualTo("scripted-claude");
    assertThat(ScriptedToolModel.lastToolResult(second)).contains("the weather in Lyon is sunny");
  }

  /**
   * The generated gemma3 model (random weights) on llama.cpp, its reply constrained by the grammar made from the
   * tools' schemas: with {@code tool_choice: "required"} its first reply is a well-formed call, which the hub takes
   * through the agent's policy like any model's.
   */
  @Test
  void the_local_gemma_model_forced_by_the_grammar_makes_a_call_the_hub_decides() throws Exception {
    EntityBareJid jid = agent("Local actor", allowLocal(), new JsonObject().put("model", "demo").put("max_tokens", 200)
        .put("tool_choice", "required"));
    List<Message> got = turn(jid, "Use a tool, please.");
    assertThat(answer(got).getType()).isEqualTo(Message.Type.chat);
    assertThat(got).anySatisfy(m -> assertThat(m.getBody()).isEqualTo("(using the tool http_request …)"));
    JsonArray called = lastExecution(jid).getJsonArray("tools_called");
    assertThat(called).as("the grammar's call reached ToolCalls").isNotEmpty();
    assertThat(called.getJsonObject(0).getString("tool")).isEqualTo("http_request");
    assertThat(events(jid)).as("every call decided and audited").isNotEmpty()
        .allSatisfy(e -> assertThat(e).startsWith("tool."));
  }

  private static JsonObject lastExecution(EntityBareJid jid) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT e.prompt_tokens, e.completion_tokens, e.tools_called::text FROM executions e"
            + " JOIN agents a ON a.id = e.agent_id WHERE a.jid = ? ORDER BY e.created_at DESC LIMIT 1")) {
      q.setString(1, jid.toString());
      ResultSet rs = q.executeQuery();
      assertThat(rs.next()).isTrue();
      return new JsonObject().put("prompt_tokens", rs.getInt(1)).put("completion_tokens", rs.getInt(2))
          .put("tools_called", new JsonArray(rs.getString(3)));
    }
  }

  private static List<String> events(EntityBareJid jid) throws Exception {
    return AgentRows.auditTypes(servers, database, jid);
  }

}

package io.aiox.component.xmpp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolOutcome;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.aiox.worker.tool.ToolRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Tool-call approval over real ejabberd with a Smack owner client (rfc/aiox-agents.md section 9.4): approve runs
 * the call, deny and expiry do not, a stranger cannot decide, a decision is applied once; every step is audited.
 */
@ExtendWith(RealServers.class)
class ToolApprovalIT {
  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection owner;
  private static XMPPTCPConnection stranger;
  private static User ownerUser;
  private static Redis redis;
  private static HttpServer web;
  private static int port;
  private static ToolCalls calls;
  private static final AtomicInteger hits = new AtomicInteger();

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    hub = Hub.start(HubConfig.fromJson(config));
    owner = ejabberd.newUser("approver");
    stranger = ejabberd.newUser("passerby");
    ownerUser = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    redis = Redis.createClient(hub.vertx(), new RedisOptions().setConnectionString(servers.redis().uri()));
    web = hub.vertx().createHttpServer().requestHandler(req -> {
      hits.incrementAndGet();
      req.response().end("hi");
    }).listen(0, "127.0.0.1").await();
    port = web.actualPort();
    // The worker's side runs on the hub's Vert.x, so the approval request crosses the same event bus as in a hub.
    calls = new ToolCalls(hub.vertx(), hub.database(), redis, ToolRegistry.builtin(hub.vertx()));
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    stranger.disconnect();
    web.close().await();
    redis.close();
    hub.close();
  }

  private static Agent agent(Visibility visibility, int approvalSeconds) {
    return agent(ownerUser, visibility, approvalSeconds);
  }

  private static Agent agent(User owner, Visibility visibility, int approvalSeconds) {
    Agent agent = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain())
        .create(owner.id(), NewAgent.named("Gatekeeper", visibility)).await();
    new AgentToolRepository(hub.database().ownerScope()).enable(owner.id(), agent.id(), "http_request",
        new JsonObject().put("allowed_domains", new JsonArray().add("127.0.0.1"))
            .put("allowed_addresses", new JsonArray().add("127.0.0.1")).put("requires_approval", true)
            .put("approval_timeout_seconds", approvalSeconds)).await();
    return agent;
  }

  private static Future<ToolOutcome> call(Agent agent) {
    return calls.invoke(agent.owner(), agent.id(), "http_request",
        new JsonObject().put("url", "http://127.0.0.1:" + port + "/report"), "to fetch the daily report");
  }

  private static StanzaCollector messagesFrom(XMPPTCPConnection c, Agent agent) throws Exception {
    return c.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
        FromMatchesFilter.createBare(jid(agent))));
  }

  private static EntityBareJid jid(Agent agent) throws Exception {
    return JidCreate.entityBareFrom(agent.jid().toString());
  }

  /** The form the owner received; XEP-0004 section 3.1 (a form in a message). */
  private static DataForm form(StanzaCollector collector) throws Exception {
    Message m = collector.nextResult(10_000);
    assertThat(m).as("the approval request").isNotNull();
    assertThat(m.getBody()).contains("http_request").contains("to fetch the daily report");
    DataForm form = DataForm.from(m);
    assertThat(form.getType()).isEqualTo(DataForm.Type.form);
    assertThat(form.getFormType()).isEqualTo(ApprovalForm.FORM_TYPE);
    assertThat(form.getField("arguments").getFirstValue()).contains("/report");
    assertThat(form.getField("why").getFirstValue()).isEqualTo("to fetch the daily report");
    assertThat(form.getField("expires_at").getFirstValue()).isNotBlank();
    assertThat(form.getField("decision").getType()).isEqualTo(FormField.Type.list_single);
    return form;
  }

  /** XEP-0004 section 3.4: the submitted form, with the hidden call id echoed back. */
  private static void answer(XMPPTCPConnection c, Agent agent, DataForm form, String decision) throws Exception {
    DataForm submit = DataForm.builder(DataForm.Type.submit).setFormType(ApprovalForm.FORM_TYPE)
        .addField(FormField.builder("call_id").setValue(form.getField("call_id").getFirstValue()).build())
        .addField(FormField.builder("decision").setValue(decision).build()).build();
    c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(jid(agent)).ofType(Message.Type.normal)
        .addExtension(submit).build());
  }

  private static Message next(StanzaCollector collector) throws InterruptedException {
    Message m = collector.nextResult(10_000);
    assertThat(m).isNotNull();
    return m;
  }

  @Test
  void approve_runs_the_call_once_and_every_step_is_audited() throws Exception {
    Agent agent = agent(Visibility.PRIVATE, 60);
    int before = hits.get();
    try (StanzaCollector inbox = messagesFrom(owner, agent)) {
      Future<ToolOutcome> outcome = call(agent);
      DataForm form = form(inbox);
      answer(owner, agent, form, ApprovalForm.APPROVE);
      ToolOutcome done = outcome.await();
      assertThat(done.status()).as(done.reason()).isEqualTo(Status.EXECUTED);
      assertThat(done.result().getString("body")).isEqualTo("hi");
      assertThat(next(inbox).getBody()).startsWith("Approved");
      answer(owner, agent, form, ApprovalForm.APPROVE);
      Message again = next(inbox);
      assertThat(again.getType()).as("a decision is applied once").isEqualTo(Message.Type.error);
      assertThat(again.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }
    assertThat(hits.get()).isEqualTo(before + 1);
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.approved", "tool.executed");
    assertThat(actor(agent, "tool.approved")).isEqualTo(owner.getUser().asBareJid().toString());
  }

  /** code_executor asks by default (the catalog's policy) and runs only once the owner approves. */
  @Test
  void an_approved_code_executor_call_runs_the_program_in_the_sandbox() throws Exception {
    Agent agent = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain())
        .create(ownerUser.id(), NewAgent.named("Coder", Visibility.PRIVATE)).await();
    new AgentToolRepository(hub.database().ownerScope()).enable(ownerUser.id(), agent.id(), "code_executor",
        new JsonObject()).await();
    try (StanzaCollector inbox = messagesFrom(owner, agent)) {
      Future<ToolOutcome> outcome = calls.invoke(ownerUser.id(), agent.id(), "code_executor", new JsonObject()
          .put("language", "python").put("code", "print(6 * 7)"), "to check the answer");
      Message asked = next(inbox);
      assertThat(asked.getBody()).contains("code_executor").contains("to check the answer");
      DataForm form = DataForm.from(asked);
      assertThat(form.getField("arguments").getFirstValue()).contains("print(6 * 7)");
      assertThat(outcome.isComplete()).as("nothing runs before the owner decides").isFalse();
      answer(owner, agent, form, ApprovalForm.APPROVE);
      ToolOutcome done = outcome.await();
      assertThat(done.status()).as(done.reason()).isEqualTo(Status.EXECUTED);
      assertThat(done.result().getString("stdout")).isEqualTo("42\n");
    }
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.approved", "tool.executed");
  }

  @Test
  void deny_does_not_run_the_call() throws Exception {
    Agent agent = agent(Visibility.PRIVATE, 60);
    int before = hits.get();
    try (StanzaCollector inbox = messagesFrom(owner, agent)) {
      Future<ToolOutcome> outcome = call(agent);
      answer(owner, agent, form(inbox), ApprovalForm.DENY);
      assertThat(outcome.await().status()).isEqualTo(Status.REJECTED);
      assertThat(next(inbox).getBody()).startsWith("Denied");
    }
    assertThat(hits.get()).isEqualTo(before);
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.rejected");
  }

  @Test
  void without_an_answer_the_call_expires_and_a_late_answer_is_refused() throws Exception {
    Agent agent = agent(Visibility.PRIVATE, 2);
    int before = hits.get();
    try (StanzaCollector inbox = messagesFrom(owner, agent)) {
      Future<ToolOutcome> outcome = call(agent);
      DataForm form = form(inbox);
      ToolOutcome done = outcome.await();
      assertThat(done.status()).isEqualTo(Status.EXPIRED);
      assertThat(done.reason()).contains("within 2 s");
      answer(owner, agent, form, ApprovalForm.APPROVE);
      Message late = next(inbox);
      assertThat(late.getType()).isEqualTo(Message.Type.error);
      assertThat(late.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
    }
    assertThat(hits.get()).isEqualTo(before);
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.expired");
  }

  @Test
  void only_the_owner_decides_even_on_a_public_agent() throws Exception {
    Agent agent = agent(Visibility.PUBLIC, 60);
    try (StanzaCollector inbox = messagesFrom(owner, agent);
         StanzaCollector strangerInbox = messagesFrom(stranger, agent)) {
      Future<ToolOutcome> outcome = call(agent);
      DataForm form = form(inbox);
      answer(stranger, agent, form, ApprovalForm.APPROVE);
      Message refused = next(strangerInbox);
      assertThat(refused.getType()).isEqualTo(Message.Type.error);
      assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
      assertThat(outcome.isComplete()).as("the stranger's answer decided nothing").isFalse();
      answer(owner, agent, form, ApprovalForm.DENY);
      assertThat(outcome.await().status()).isEqualTo(Status.REJECTED);
    }
    assertThat(events(agent)).containsExactly("tool.allowed", "tool.rejected");
  }

  /**
   * Section 9.4: "An offline owner receives the request from offline storage". The request is sent while the owner
   * has no session (ejabberd holds it: XEP-0160), and comes with their first presence; the answer then decides.
   */
  @Test
  void an_offline_owner_receives_the_request_when_they_log_in() throws Exception {
    EjabberdServer ejabberd = servers.ejabberd();
    String name = "away-" + UUID.randomUUID().toString().substring(0, 8);
    String jid = ejabberd.register(name, "pw-" + name);
    User away = new UserRepository(hub.database().ownerScope()).create(name, jid).await();
    Agent agent = agent(away, Visibility.PRIVATE, 60);
    int before = hits.get();
    Future<ToolOutcome> outcome = call(agent);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ejabberd.offlineCount(name) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ejabberd.offlineCount(name)).as("the request waits in offline storage").isEqualTo(1);
    XMPPTCPConnection owner = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain(ejabberd.domain()).setHost(ejabberd.host()).setPort(ejabberd.c2sPort())
        .setUsernameAndPassword(name, "pw-" + name).setSecurityMode(SecurityMode.disabled).setSendPresence(false)
        .build());
    try {
      owner.connect().login();
      try (StanzaCollector inbox = messagesFrom(owner, agent)) {
        owner.sendStanza(owner.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());
        answer(owner, agent, form(inbox), ApprovalForm.APPROVE);
        assertThat(outcome.await().status()).isEqualTo(Status.EXECUTED);
        assertThat(next(inbox).getBody()).startsWith("Approved");
      }
    } finally {
      owner.disconnect();
    }
    assertThat(hits.get()).isEqualTo(before + 1);
  }

  /**
   * Section 9.4: a stranger's answer gets {@code forbidden} on any agent, whatever call it names, so it cannot learn
   * which calls are waiting, decided or unknown (checked before the call is looked up).
   */
  @Test
  void a_strangers_answer_is_forbidden_whatever_call_it_names() throws Exception {
    for (Visibility visibility : List.of(Visibility.SHARED, Visibility.PUBLIC)) {
      Agent agent = agent(visibility, 60);
      if (visibility == Visibility.SHARED) {
        allow(agent, stranger);
      }
      try (StanzaCollector inbox = messagesFrom(owner, agent);
           StanzaCollector strangerInbox = messagesFrom(stranger, agent)) {
        Future<ToolOutcome> outcome = call(agent);
        DataForm form = form(inbox);
        answer(owner, agent, form, ApprovalForm.DENY);
        assertThat(outcome.await().status()).isEqualTo(Status.REJECTED);
        answer(stranger, agent, form, ApprovalForm.APPROVE);
        assertForbidden(next(strangerInbox), visibility + ", a decided call");
        answer(stranger, agent, callId(UUID.randomUUID().toString()), ApprovalForm.APPROVE);
        assertForbidden(next(strangerInbox), visibility + ", an unknown call");
      }
    }
  }

  private static void assertForbidden(Message m, String what) {
    assertThat(m.getType()).as(what).isEqualTo(Message.Type.error);
    assertThat(m.getError().getCondition()).as(what).isEqualTo(StanzaError.Condition.forbidden);
  }

  /** A form carrying only the call id, as a stranger would make one up. */
  private static DataForm callId(String id) {
    return DataForm.builder(DataForm.Type.form)
        .addField(FormField.builder("call_id").setValue(id).build()).build();
  }

  /** Lets {@code who} talk to the shared {@code agent} (its governance's allowed_jids). */
  private static void allow(Agent agent, XMPPTCPConnection who) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "UPDATE agents SET governance = governance || jsonb_build_object('allowed_jids', jsonb_build_array(?::text))"
            + " WHERE id = ?")) {
      q.setString(1, who.getUser().asBareJid().toString());
      q.setObject(2, agent.id().value());
      assertThat(q.executeUpdate()).isEqualTo(1);
    }
  }

  private static List<String> events(Agent agent) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT event_type FROM audit_logs WHERE agent_id = ? ORDER BY seq")) {
      q.setObject(1, agent.id().value());
      ResultSet rs = q.executeQuery();
      List<String> types = new ArrayList<>();
      while (rs.next()) {
        types.add(rs.getString(1));
      }
      return types;
    }
  }

  private static String actor(Agent agent, String type) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT actor FROM audit_logs WHERE agent_id = ? AND event_type = ?")) {
      q.setObject(1, agent.id().value());
      q.setString(2, type);
      ResultSet rs = q.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    }
  }
}

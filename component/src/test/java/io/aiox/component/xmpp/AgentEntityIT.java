package io.aiox.component.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.context.Conversations;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** An agent as an XMPP entity: presence, vCard, ad-hoc commands, audit of refusals (rfc/aiox-agents.md sections 2, 3, 5, 8). */
@ExtendWith(RealServers.class)
class AgentEntityIT {
  private static final String CAPS = "http://jabber.org/protocol/caps";

  private static Hub hub;
  private static EjabberdServer ejabberd;
  private static TestServers servers;
  private static String database;
  private static String ownerName;
  private static XMPPTCPConnection owner;
  private static XMPPTCPConnection stranger;
  private static Agent agent;
  private static EntityBareJid agentJid;
  private static Redis redis;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    ejabberd = servers.ejabberd();
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    hub = Hub.start(HubConfig.fromJson(config));
    owner = ejabberd.newUser("owner");
    ownerName = owner.getUser().getLocalpart().toString();
    stranger = ejabberd.newUser("stranger");
    User ownerUser = new UserRepository(hub.database().ownerScope())
        .create(ownerName, owner.getUser().asBareJid().toString()).await();
    agent = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain()).create(ownerUser.id(),
        new NewAgent(new JsonObject().put("name", "Librarian").put("description", "Finds books"), new JsonObject(),
            new JsonObject(), new JsonObject(), new JsonObject().put("max_tokens_per_day", 50_000),
            Visibility.PRIVATE)).await();
    agentJid = JidCreate.entityBareFrom(agent.jid().toString());
    redis = Redis.createClient(hub.vertx(), new RedisOptions().setConnectionString(servers.redis().uri()));
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    stranger.disconnect();
    redis.close();
    hub.close();
  }

  /** rfc section 5 "Presence"; RFC 6121 section 3.1 (approval), XEP-0115 section 4 (caps on presence). */
  @Test
  void owner_subscribes_gets_approved_with_caps_and_is_answered_on_probe_after_login() throws Exception {
    XMPPTCPConnection second = ejabberd.connect(ownerName, "pw-" + ownerName);
    try (StanzaCollector presences = owner.createStanzaCollector(
        new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createBare(agentJid)))) {
      owner.sendStanza(owner.getStanzaFactory().buildPresenceStanza().to(agentJid).ofType(Presence.Type.subscribe)
          .build());
      List<Presence> got = collect(presences, 2);
      assertThat(got).extracting(Presence::getType).contains(Presence.Type.subscribed, Presence.Type.available);
      Presence available = got.stream().filter(p -> p.getType() == Presence.Type.available).findFirst().orElseThrow();
      assertThat(available.hasExtension("c", CAPS)).as("entity capabilities").isTrue();
      assertThat(available.getStatus()).isEqualTo("Finds books");
    }
    assertThat(count("SELECT count(*) FROM agent_subscribers WHERE agent_id = ?", agent.id().value())).isEqualTo(1);
    second.disconnect();
    // A fresh login: the owner's server probes the agent, which answers available.
    XMPPTCPConnection third = ejabberd.connect(ownerName, "pw-" + ownerName);
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      boolean seen = false;
      while (!seen && System.nanoTime() < deadline) {
        seen = org.jivesoftware.smack.roster.Roster.getInstanceFor(third).getPresence(agentJid).isAvailable();
        Thread.sleep(100);
      }
      assertThat(seen).as("the agent is seen available after login (probe answered)").isTrue();
    } finally {
      third.disconnect();
    }
  }

  @Test
  void directed_presence_from_a_stranger_is_refused_and_audited() throws Exception {
    long before = count("SELECT count(*) FROM audit_logs WHERE agent_id = ? AND event_type = 'access.denied'",
        agent.id().value());
    try (StanzaCollector presences = stranger.createStanzaCollector(FromMatchesFilter.createBare(agentJid))) {
      stranger.sendStanza(stranger.getStanzaFactory().buildPresenceStanza().to(agentJid)
          .ofType(Presence.Type.subscribe).build());
      Presence reply = presences.nextResult(10_000);
      assertThat(reply).isNotNull();
      assertThat(reply.getType()).isEqualTo(Presence.Type.error);
      assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (count("SELECT count(*) FROM audit_logs WHERE agent_id = ? AND event_type = 'access.denied'",
        agent.id().value()) == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    try (Connection c = servers.postgres().adminConnection(database);
         PreparedStatement q = c.prepareStatement("SELECT actor, severity, details->>'stanza', hash, prev_hash, seq"
             + " FROM audit_logs WHERE agent_id = ? ORDER BY seq DESC LIMIT 1")) {
      q.setObject(1, agent.id().value());
      ResultSet rs = q.executeQuery();
      assertThat(rs.next()).as("an audit entry for the refusal").isTrue();
      assertThat(rs.getString(1)).isEqualTo(stranger.getUser().asBareJid().toString());
      assertThat(rs.getString(2)).isEqualTo("warning");
      assertThat(rs.getString(3)).isEqualTo("presence");
      assertThat(rs.getBytes(4)).hasSize(32);
    }
  }

  /** XEP-0054 section 3.1: name, description; set is not allowed. */
  @Test
  void vcard_shows_the_profile_and_refuses_a_set() throws Exception {
    VCard card = VCardManager.getInstanceFor(owner).loadVCard(agentJid);
    assertThat(card.getField("FN")).isEqualTo("Librarian");
    assertThat(card.getField("DESC")).isEqualTo("Finds books");
    VCard mine = new VCard();
    mine.setTo(agentJid);
    mine.setType(org.jivesoftware.smack.packet.IQ.Type.set);
    mine.setField("FN", "Renamed");
    assertThatThrownBy(() -> owner.sendIqRequestAndWaitForResponse(mine))
        .isInstanceOfSatisfying(XMPPErrorException.class,
            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed));
  }

  /** XEP-0050 section 3.2 (discovery) and rfc section 8: the owner sees the commands; a stranger is refused. */
  @Test
  void owner_discovers_the_commands_and_a_stranger_is_refused() throws Exception {
    DiscoverItems commands = AdHocCommandManager.getAddHocCommandsManager(owner).discoverCommands(agentJid);
    assertThat(commands.getItems()).extracting(DiscoverItems.Item::getNode).containsExactly("reset", "quota", "model",
        "remember", "forget", "memories", "document");
    assertThatThrownBy(() -> AdHocCommandManager.getAddHocCommandsManager(stranger).discoverCommands(agentJid))
        .isInstanceOfSatisfying(XMPPErrorException.class,
            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
  }

  @Test
  void reset_clears_the_owners_short_term_conversation() throws Exception {
    Conversations conversations = new Conversations(redis);
    String peer = owner.getUser().asBareJid().toString();
    conversations.append(agent.id(), peer, new ChatTurn(ChatTurn.USER, "hi"), new ChatTurn(ChatTurn.ASSISTANT, "hello"),
        10, Duration.ofMinutes(5)).await();
    RemoteCommand reset = AdHocCommandManager.getAddHocCommandsManager(owner).getRemoteCommand(agentJid, "reset");
    reset.execute();
    assertThat(reset.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    assertThat(reset.getNotes().get(0).getValue()).contains("reset");
    assertThat(conversations.history(agent.id(), peer).await()).isEmpty();
  }

  @Test
  void quota_shows_usage_and_the_agents_limits() throws Exception {
    RemoteCommand quota = AdHocCommandManager.getAddHocCommandsManager(owner).getRemoteCommand(agentJid, "quota");
    quota.execute();
    assertThat(quota.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    assertThat(quota.getForm().getField("tokens_today").getFirstValue()).isEqualTo("0");
    assertThat(quota.getForm().getField("max_tokens_per_day").getFirstValue()).isEqualTo("50000");
  }

  @Test
  void model_shows_the_choices_and_switches_to_a_known_model_only() throws Exception {
    AdHocCommandManager manager = AdHocCommandManager.getAddHocCommandsManager(owner);
    RemoteCommand model = manager.getRemoteCommand(agentJid, "model");
    model.execute();
    assertThat(model.getStatus()).isEqualTo(AdHocCommand.Status.executing);
    assertThat(model.getForm().getField("model").getFirstValue()).isEqualTo("fixture-small");
    FillableForm form = new FillableForm(model.getForm());
    form.setAnswer("model", "fixture-large");
    model.complete(form);
    assertThat(model.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    try (Connection c = servers.postgres().adminConnection(database);
         PreparedStatement q = c.prepareStatement("SELECT llm_config->>'model' FROM agents WHERE id = ?")) {
      q.setObject(1, agent.id().value());
      ResultSet rs = q.executeQuery();
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("fixture-large");
    }

    RemoteCommand again = manager.getRemoteCommand(agentJid, "model");
    again.execute();
    FillableForm bad = new FillableForm(again.getForm());
    bad.setAnswer("model", "no-such-model");
    assertThatThrownBy(() -> again.complete(bad)).isInstanceOfSatisfying(XMPPErrorException.class,
        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
  }

  private static List<Presence> collect(StanzaCollector collector, int n) throws InterruptedException {
    List<Presence> got = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (got.size() < n && System.nanoTime() < deadline) {
      Presence p = collector.nextResult(500);
      if (p != null) {
        got.add(p);
      }
    }
    return got;
  }

  private static long count(String sql, UUID id) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, id);
      ResultSet rs = q.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }
}

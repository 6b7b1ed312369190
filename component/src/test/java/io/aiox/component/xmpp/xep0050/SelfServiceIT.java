package io.aiox.component.xmpp.xep0050;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.component.ChatOwner;
import io.aiox.component.FixtureWorker;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Self-service over ejabberd with Smack (rfc section 8.1): a hub user creates, lists, configures and deletes their
 * own agents with XEP-0050 commands on the agents service itself; another user cannot touch them; the per-user
 * limit ({@code agents.max_per_user}, 2 here) refuses with a text naming it. An echo consumer answers turns.
 */
@ExtendWith(RealServers.class)
@Timeout(120)
class SelfServiceIT {
  private static final int MAX_PER_USER = 2;
  private static Hub hub;
  private static TestServers servers;
  private static Path masterKey;
  private static DomainBareJid service;
  private static AgentRepository agents;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    JsonObject config = TestHubConfig.json(servers)
        .put("agents", new JsonObject().put("max_per_user", MAX_PER_USER));
    masterKey = TestHubConfig.sealed(config);
    hub = Hub.start(HubConfig.fromJson(config));
    FixtureWorker.echo(hub);
    service = JidCreate.domainBareFrom(servers.ejabberd().componentDomain());
    agents = new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain());
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
    Files.deleteIfExists(masterKey);
  }

  @Test
  void a_user_creates_an_agent_that_answers_then_lists_configures_and_deletes_it() throws Exception {
    ChatOwner alice = ChatOwner.register(hub, servers.ejabberd(), "alice");
    DiscoverItems commands = ServiceDiscoveryManager.getInstanceFor(alice.xmpp())
        .discoverItems(service, AdHocCommands.NODE);
    assertThat(commands.getItems()).extracting(DiscoverItems.Item::getNode)
        .containsExactly("create", "list", "configure", "delete");

    EntityBareJid jid = create(alice.xmpp(), "Helper", "Be brief.");
    assertThat(ask(alice.xmpp(), jid, "hi").getBody()).isEqualTo("echo: hi");
    // rfc 5: the agent made by command is in its owner's roster, as one made by the operator is
    org.jivesoftware.smack.roster.Roster roster = org.jivesoftware.smack.roster.Roster.getInstanceFor(alice.xmpp());
    long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (roster.getEntry(jid) == null && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertThat(roster.getEntry(jid)).as("roster entry for " + jid).isNotNull();
    assertThat(listed(alice.xmpp())).containsExactly(jid.toString());

    RemoteCommand configure = command(alice.xmpp(), "configure");
    configure.execute();
    FillableForm choice = new FillableForm(configure.getForm());
    choice.setAnswer("agent", jid.toString());
    configure.next(choice);
    assertThat(configure.getForm().getField("name").getFirstValue()).isEqualTo("Helper");
    assertThat(configure.getForm().getField("system_prompt").getValuesAsString()).containsExactly("Be brief.");
    assertThat(configure.getForm().getField("model").getFirstValue()).isEqualTo("fixture-large");
    FillableForm settings = new FillableForm(configure.getForm());
    settings.setAnswer("name", "Helper Two");
    settings.setAnswer("system_prompt", "Be terse.");
    settings.setAnswer("tools", List.of("http_request"));
    configure.complete(settings);
    assertThat(configure.getStatus()).isEqualTo(AdHocCommand.Status.completed);

    Agent stored = agent(jid);
    assertThat(stored.name()).isEqualTo("Helper Two");
    assertThat(stored.llmConfig().getString("model")).isEqualTo("fixture-large");
    assertThat(new AgentToolRepository(hub.database().ownerScope()).enabled(stored.owner(), stored.id()).await())
        .containsExactly("http_request");
    RemoteCommand again = command(alice.xmpp(), "configure");
    again.execute();
    FillableForm same = new FillableForm(again.getForm());
    same.setAnswer("agent", jid.toString());
    again.next(same);
    assertThat(again.getForm().getField("system_prompt").getValuesAsString()).as("sealed, and opened again")
        .containsExactly("Be terse.");
    again.cancel();

    RemoteCommand delete = command(alice.xmpp(), "delete");
    delete.execute();
    FillableForm which = new FillableForm(delete.getForm());
    which.setAnswer("agent", jid.toString());
    delete.next(which);
    FillableForm confirm = new FillableForm(delete.getForm());
    confirm.setAnswer("confirm", true);
    delete.complete(confirm);
    assertThat(delete.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    assertThat(agent(jid).deleted()).isTrue();
    assertThat(listed(alice.xmpp())).isEmpty();
    Message gone = ask(alice.xmpp(), jid, "still there?");
    assertThat(gone.getError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
  }

  @Test
  void another_user_neither_sees_nor_configures_nor_deletes_an_agent_that_is_not_theirs() throws Exception {
    ChatOwner bob = ChatOwner.register(hub, servers.ejabberd(), "bob");
    ChatOwner mallory = ChatOwner.register(hub, servers.ejabberd(), "mallory");
    EntityBareJid jid = create(bob.xmpp(), "Bob's", "");
    assertThat(listed(mallory.xmpp())).isEmpty();
    RemoteCommand choose = command(mallory.xmpp(), "delete");
    choose.execute();
    assertThat(choose.getStatus()).as("mallory has no agent to choose").isEqualTo(AdHocCommand.Status.completed);

    // A client may send any value: naming Bob's agent in a submitted form is refused, not obeyed.
    for (String node : List.of("delete", "configure")) {
      DataForm form = DataForm.builder(DataForm.Type.submit)
          .addField(FormField.textSingleBuilder("agent").setValue(jid.toString()).build())
          .addField(FormField.booleanBuilder("confirm").setValue(true).build())
          .addField(FormField.textSingleBuilder("name").setValue("Mallory's now").build()).build();
      assertThatThrownBy(() -> submit(mallory.xmpp(), node, form)).isInstanceOfSatisfying(XMPPErrorException.class,
          e -> {
            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
            assertThat(e.getStanzaError().getDescriptiveText()).contains("only its owner may");
          });
    }
    Agent stored = agent(jid);
    assertThat(stored.deleted()).isFalse();
    assertThat(stored.name()).isEqualTo("Bob's");
  }

  @Test
  void the_per_user_limit_refuses_another_agent_saying_which_setting_holds_it() throws Exception {
    ChatOwner carol = ChatOwner.register(hub, servers.ejabberd(), "carol");
    for (int i = 0; i < MAX_PER_USER; i++) {
      create(carol.xmpp(), "Agent " + i, "");
    }
    RemoteCommand create = command(carol.xmpp(), "create");
    create.execute();
    FillableForm form = new FillableForm(create.getForm());
    form.setAnswer("name", "One too many");
    assertThatThrownBy(() -> create.complete(form)).isInstanceOfSatisfying(XMPPErrorException.class, e -> {
      assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.policy_violation);
      assertThat(e.getStanzaError().getDescriptiveText())
          .contains("you already have 2 agents, the most this hub allows a user (agents.max_per_user)");
    });
    assertThat(listed(carol.xmpp())).hasSize(MAX_PER_USER);
  }

  @Test
  void bad_values_and_strangers_are_refused_with_a_text() throws Exception {
    ChatOwner dave = ChatOwner.register(hub, servers.ejabberd(), "dave");
    RemoteCommand create = command(dave.xmpp(), "create");
    create.execute();
    FillableForm form = new FillableForm(create.getForm());
    form.setAnswer("name", "Dreamer");
    form.setAnswer("model", "gpt-99");
    assertThatThrownBy(() -> create.complete(form)).isInstanceOfSatisfying(XMPPErrorException.class, e -> {
      assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
      assertThat(e.getStanzaError().getDescriptiveText()).contains("unknown model gpt-99; this hub offers");
    });
    DataForm blank = DataForm.builder(DataForm.Type.submit)
        .addField(FormField.textSingleBuilder("name").setValue("  ").build()).build();
    assertThatThrownBy(() -> submit(dave.xmpp(), "create", blank)).isInstanceOfSatisfying(XMPPErrorException.class,
        e -> {
          assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
          assertThat(e.getStanzaError().getDescriptiveText()).contains("an agent's name must be 1 to 100 characters");
        });
    assertThat(listed(dave.xmpp())).isEmpty();

    XMPPTCPConnection stranger = servers.ejabberd().newUser("stranger");
    try {
      assertThatThrownBy(() -> command(stranger, "create").execute()).isInstanceOfSatisfying(
          XMPPErrorException.class, e -> {
            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
            assertThat(e.getStanzaError().getDescriptiveText()).contains("is not a user of this hub");
          });
    } finally {
      stranger.disconnect();
    }
  }

  private static RemoteCommand command(XMPPTCPConnection user, String node) {
    return AdHocCommandManager.getAddHocCommandsManager(user).getRemoteCommand(service, node);
  }

  /** Runs {@code create} through its form; the new agent's address from the result. */
  private static EntityBareJid create(XMPPTCPConnection user, String name, String prompt) throws Exception {
    RemoteCommand create = command(user, "create");
    create.execute();
    assertThat(create.getStatus()).isEqualTo(AdHocCommand.Status.executing);
    FillableForm form = new FillableForm(create.getForm());
    form.setAnswer("name", name);
    if (!prompt.isEmpty()) {
      form.setAnswer("system_prompt", prompt);
    }
    form.setAnswer("model", "fixture-large");
    form.setAnswer("memory", true);
    create.complete(form);
    assertThat(create.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    return JidCreate.entityBareFrom(create.getForm().getField("jid").getFirstValue());
  }

  /** The addresses in the user's {@code list} result. */
  private static List<String> listed(XMPPTCPConnection user) throws Exception {
    RemoteCommand list = command(user, "list");
    list.execute();
    assertThat(list.getStatus()).isEqualTo(AdHocCommand.Status.completed);
    return list.getForm().getItems().stream().map(item -> item.getFields().stream()
        .filter(f -> f.getFieldName().equals("jid")).findFirst().orElseThrow().getFirstValue()).toList();
  }

  /** One IQ carrying a submitted form, as any client may send it. */
  private static void submit(XMPPTCPConnection user, String node, DataForm form) throws Exception {
    AdHocCommandData data = new AdHocCommandData();
    data.setType(IQ.Type.set);
    data.setTo(service);
    data.setNode(node);
    data.setAction(AdHocCommand.Action.execute);
    data.setForm(form);
    user.createStanzaCollectorAndSend(data).nextResultOrThrow();
  }

  private static Agent agent(EntityBareJid jid) {
    Optional<AgentJid> parsed = AgentJid.parse(jid.toString());
    return agents.route(parsed.orElseThrow()).await().orElseThrow();
  }

  private static Message ask(XMPPTCPConnection user, EntityBareJid jid, String body) throws Exception {
    // messages only: the new agent is in the user's roster (rfc 5), so its presence arrives too
    try (StanzaCollector replies = user.createStanzaCollector(new org.jivesoftware.smack.filter.AndFilter(
        org.jivesoftware.smack.filter.StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(jid)))) {
      user.sendStanza(user.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody(body).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m != null && (m.getType() == Message.Type.error || m.getBody() != null)) {
          return m;
        }
      }
    }
    throw new AssertionError("no answer from " + jid);
  }
}

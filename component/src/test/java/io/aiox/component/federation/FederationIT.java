package io.aiox.component.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.FixtureWorker;
import io.aiox.component.cli.CliRun;
import io.aiox.component.cli.Commands;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.FederatedHubs;
import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.Turns;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Federation (rfc section "Federation", docs/federation.md): users of other XMPP servers reach agents over ordinary
 * server-to-server links, under the agents' and the hub's policy. Hub A is ejabberd with the agents domain and this
 * hub's component; hub B is Prosody, which also serves a second remote domain, hub C, that hub A's operator denied.
 * Both servers are real, with their own names, certificates from one test CA, and s2s with STARTTLS and dialback.
 * An echo consumer answers turns; a remote domain may spend 1,000 tokens a minute.
 */
@ExtendWith(RealServers.class)
class FederationIT {
  private static final long REMOTE_TOKENS_PER_MINUTE = 1_000;
  private static final int SPEND_TOKENS = 600;

  private static FederatedHubs hubs;
  private static Hub hub;
  private static Path configFile;
  private static User owner;
  private static AgentRepository agents;
  private static XMPPTCPConnection remoteUser;
  private static XMPPTCPConnection ownersRemoteAccount;
  private static XMPPTCPConnection deniedServerUser;

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    Path dir = servers.dir().resolve("federation");
    hubs = FederatedHubs.start(ProjectRoot.get(), dir);
    JsonObject config = TestHubConfig.json(servers, hubs.hubA())
        // hub B's own override, under a hub-wide remote limit that would never run out in this test
        .put("quota", new JsonObject().put("remote_domain", new JsonObject().put("max_tokens_per_minute", -1))
            .put("remote_domains", new JsonObject().put(hubs.hubBDomain(), new JsonObject()
                .put("max_tokens_per_minute", REMOTE_TOKENS_PER_MINUTE))))
        .put("federation", new JsonObject().put("deny_domains", new JsonArray().add(hubs.hubCDomain())));
    configFile = Files.writeString(dir.resolve("hub.json"), config.encodePrettily());
    hub = Hub.start(HubConfig.fromJson(config));
    FixtureWorker.answer(hub, turn -> echo(turn.body()));
    agents = new AgentRepository(hub.database().ownerScope(), hubs.agentsDomain());
    remoteUser = hubs.hubB().newUser("remote", hubs.hubBDomain());
    ownersRemoteAccount = hubs.hubB().newUser("olga", hubs.hubBDomain());
    deniedServerUser = hubs.hubB().newUser("denied", hubs.hubCDomain());
    cli("user", "add", "olga");
    owner = new UserRepository(hub.database().ownerScope()).findByName("olga").await().orElseThrow();
  }

  @AfterAll
  static void stop() {
    for (XMPPTCPConnection c : new XMPPTCPConnection[] {remoteUser, ownersRemoteAccount, deniedServerUser}) {
      if (c != null) {
        c.disconnect();
      }
    }
    if (hub != null) {
      hub.close();
    }
    if (hubs != null) {
      hubs.close();
    }
  }

  /** Turns whose body starts with "spend" report {@value #SPEND_TOKENS} completion tokens; others 10 and 10. */
  private static TurnReply echo(String body) {
    int completion = body.startsWith("spend") ? SPEND_TOKENS : 10;
    return TurnReply.counted("echo: " + body, null, null, 10, completion);
  }

  @Test
  void a_user_on_another_hub_chats_with_a_public_agent_and_gets_the_answer() throws Exception {
    EntityBareJid agent = jid(agent("Concierge", Visibility.PUBLIC, new JsonObject(), 50));
    Message answer = ask(remoteUser, agent, "hello from afar");
    assertThat(answer.getType()).isEqualTo(Message.Type.chat);
    assertThat(answer.getBody()).isEqualTo("echo: hello from afar");
  }

  @Test
  void a_private_agent_refuses_a_remote_stranger_with_forbidden() throws Exception {
    EntityBareJid agent = jid(agent("Diary", Visibility.PRIVATE, new JsonObject(), 50));
    assertRefused(ask(remoteUser, agent, "let me in"), StanzaError.Condition.forbidden,
        "this agent answers only its owner");
  }

  /** rfc section 2: a JID the owner linked counts as the owner, also on a federated hub. */
  @Test
  void an_owner_reaches_their_private_agent_from_a_linked_jid_on_another_hub() throws Exception {
    EntityBareJid agent = jid(agent("Notebook", Visibility.PRIVATE, new JsonObject(), 50));
    String linked = ownersRemoteAccount.getUser().asBareJid().toString();
    assertThat(cli("user", "link", "olga", linked)).contains("olga").contains(linked);
    assertThat(ask(ownersRemoteAccount, agent, "my notes").getBody()).isEqualTo("echo: my notes");
    assertThat(cliFailing("user", "link", "olga", linked))
        .as("one JID speaks for one user only").contains("already belongs to user olga");

    assertThat(cli("user", "unlink", "olga", linked)).contains("no longer count as theirs");
    // the hub's directory cache holds the old answer for up to 5 s
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Message reply;
    do {
      Thread.sleep(500);
      reply = ask(ownersRemoteAccount, agent, "still mine?");
    } while (reply.getType() != Message.Type.error && System.nanoTime() < deadline);
    assertRefused(reply, StanzaError.Condition.forbidden, "this agent answers only its owner");
    assertThat(cliFailing("user", "unlink", "olga", linked)).contains("is not linked to user olga");
  }

  /** XEP-0030 section 3.1 with the XEP-0128 capability form (rfc sections 3 and 4), across servers. */
  @Test
  void disco_info_of_a_public_agent_from_another_hub_shows_its_identity_and_capability_form() throws Exception {
    Agent agent = agent("Translator", Visibility.PUBLIC, new JsonObject(), 50);
    DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(remoteUser).discoverInfo(jid(agent));
    assertThat(info.getIdentities()).anySatisfy(identity -> {
      assertThat(identity.getCategory()).isEqualTo("client");
      assertThat(identity.getType()).isEqualTo("bot");
      assertThat(identity.getName()).isEqualTo("Translator");
    });
    DataForm form = info.getExtension(DataForm.class);
    assertThat(form.getFormType()).isEqualTo("urn:aiox:agent:0");
    assertThat(form.getField("visibility").getFirstValue()).isEqualTo("public");
    assertThat(form.getField("domain_tags").getValues()).extracting(Object::toString).containsExactly("translation");
  }

  /** rfc section 8 quotas: what senders of one remote server spend is counted together, and refused when spent. */
  @Test
  void a_remote_domain_over_its_quota_gets_policy_violation() throws Exception {
    EntityBareJid agent = jid(agent("Storyteller", Visibility.PUBLIC, new JsonObject(), SPEND_TOKENS));
    assertThat(ask(remoteUser, agent, "spend a while").getBody()).isEqualTo("echo: spend a while");
    Message refused = ask(remoteUser, agent, "one more story");
    assertRefused(refused, StanzaError.Condition.policy_violation,
        "your server's tokens per minute limit (" + REMOTE_TOKENS_PER_MINUTE + ") has ");
    assertThat(refused.getError().getDescriptiveText()).containsPattern("frees up at \\d{4}-\\d\\d-\\d\\d ");
  }

  @Test
  void the_hub_wide_deny_list_refuses_every_user_of_a_denied_server() throws Exception {
    EntityBareJid agent = jid(agent("Open door", Visibility.PUBLIC, new JsonObject(), 50));
    assertRefused(ask(deniedServerUser, agent, "hi"), StanzaError.Condition.forbidden,
        "this hub does not accept stanzas from " + hubs.hubCDomain());
  }

  @Test
  void an_agents_own_lists_refuse_a_remote_jid_or_every_remote_server() throws Exception {
    String remote = remoteUser.getUser().asBareJid().toString();
    EntityBareJid blocking = jid(agent("Picky", Visibility.PUBLIC,
        new JsonObject().put("denied_jids", new JsonArray().add(remote)), 50));
    assertRefused(ask(remoteUser, blocking, "hi"), StanzaError.Condition.forbidden,
        "this agent's owner does not accept messages from " + remote);
    EntityBareJid localOnly = jid(agent("Local", Visibility.PUBLIC,
        new JsonObject().put("allowed_remote_domains", new JsonArray()), 50));
    assertRefused(ask(remoteUser, localOnly, "hi"), StanzaError.Condition.forbidden,
        hubs.hubBDomain() + " is not among them");
    EntityBareJid partner = jid(agent("Partner desk", Visibility.SHARED,
        new JsonObject().put("allowed_domains", new JsonArray().add(hubs.hubBDomain())), 50));
    assertThat(ask(remoteUser, partner, "hi").getBody()).isEqualTo("echo: hi");
  }

  /**
   * RFC 6120 sections 5 and 6 (STARTTLS, SASL EXTERNAL) and docs/federation.md "Certificates": with certificates
   * from a CA both servers trust, each authenticates the other by its certificate; dialback is only the fallback.
   */
  @Test
  void the_servers_authenticate_each_other_by_certificate() throws Exception {
    EntityBareJid agent = jid(agent("Notary", Visibility.PUBLIC, new JsonObject(), 50));
    assertThat(ask(remoteUser, agent, "sign here").getBody()).isEqualTo("echo: sign here");
    awaitLog(hubs.hubA().logFile(), "Accepted inbound s2s EXTERNAL authentication " + hubs.hubBDomain() + " -> "
        + hubs.agentsDomain());
    awaitLog(hubs.hubA().logFile(), "Accepted outbound s2s EXTERNAL authentication " + hubs.agentsDomain() + " -> "
        + hubs.hubBDomain());
  }

  /** Waits for ejabberd (log level info in tests) to write the line. */
  private static void awaitLog(Path log, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.readString(log).contains(line)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("ejabberd's log " + log + " never said: " + line);
      }
      Thread.sleep(100);
    }
  }

  private static Agent agent(String name, Visibility visibility, JsonObject governance, int maxTokens) {
    return agents.create(owner.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("max_tokens", maxTokens),
        new JsonObject().put("domain_tags", new JsonArray().add("translation")), new JsonObject(), governance,
        visibility)).await();
  }

  private static EntityBareJid jid(Agent agent) throws Exception {
    return JidCreate.entityBareFrom(agent.jid().toString());
  }

  /** Runs an operator command against this hub and returns what it printed; it must succeed. */
  private static String cli(String... words) {
    CliRun run = runCli(words);
    assertThat(run.code()).as("exit code of " + List.of(words) + ": " + run.err()).isZero();
    return run.out();
  }

  /** Runs an operator command that must fail; returns its error output. */
  private static String cliFailing(String... words) {
    CliRun run = runCli(words);
    assertThat(run.code()).as("exit code of " + List.of(words)).isNotZero();
    return run.err();
  }

  private static CliRun runCli(String... words) {
    List<String> argv = new ArrayList<>(List.of(words));
    argv.addAll(List.of("--config", configFile.toString()));
    return CliRun.of(argv);
  }

  private static void assertRefused(Message reply, StanzaError.Condition condition, String text) {
    assertThat(reply.getType()).isEqualTo(Message.Type.error);
    assertThat(reply.getError().getCondition()).isEqualTo(condition);
    assertThat(reply.getError().getDescriptiveText()).contains(text);
  }

  /** The first answer or error to {@code body} (receipts and chat states skipped). */
  private static Message ask(XMPPTCPConnection from, EntityBareJid agent, String body) throws Exception {
    try (StanzaCollector replies = from.createStanzaCollector(FromMatchesFilter.createBare(agent))) {
      from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(agent).ofType(Message.Type.chat)
          .setBody(body).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m != null && (m.getType() == Message.Type.error || m.getBody() != null)) {
          return m;
        }
      }
    }
    throw new AssertionError("no answer from " + agent + " to " + from.getUser() + " within 20 s");
  }
}

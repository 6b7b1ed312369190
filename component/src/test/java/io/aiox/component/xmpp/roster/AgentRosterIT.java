package io.aiox.component.xmpp.roster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.cli.CliRun;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Agents in their users' rosters, created and deleted through the operator CLI while the hub runs: RFC 6121 section
 * 2.1.6 (roster push), 4.3 (probe answered) and XEP-0153 section 4.1 (avatar hash in presence = SHA-1 of the PHOTO).
 */
@ExtendWith(RealServers.class)
@Timeout(120)
class AgentRosterIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Pattern PHOTO = Pattern.compile("<photo>([0-9a-f]{40})</photo>");

  private static Hub hub;
  private static EjabberdServer ejabberd;
  private static String file;

  @BeforeAll
  static void start(TestServers servers, @TempDir Path dir) throws IOException {
    ejabberd = servers.ejabberd();
    JsonObject config = TestHubConfig.json(servers);
    hub = Hub.start(HubConfig.fromJson(config));
    file = Files.writeString(dir.resolve("hub.json"), config.encode()).toString();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void a_created_agent_is_pushed_into_its_owners_roster_online_with_its_avatar_and_a_delete_removes_it()
      throws Exception {
    Account owner = account("rosa");
    Roster roster = Roster.getInstanceFor(owner.connection);
    roster.reloadAndWait();
    try (StanzaCollector presences = owner.connection.createStanzaCollector(
        s -> s instanceof Presence p && p.getFrom().getDomain().toString().equals(ejabberd.componentDomain()))) {
      BareJid agent = create(owner.name, "Archivist", "private");

      RosterEntry entry = await(() -> roster.getEntry(agent) != null, roster, agent);
      assertThat(entry.getName()).isEqualTo("Archivist");
      assertThat(entry.getType()).isEqualTo(ItemType.both);
      assertThat(entry.getGroups()).extracting(RosterGroup::getName).containsExactly(AgentRosters.GROUP);

      Presence available = presences.nextResult(WAIT.toMillis());
      assertThat(available).as("the agent's presence after the push").isNotNull();
      assertThat(available.getType()).isEqualTo(Presence.Type.available);
      assertThat(available.getFrom().asBareJid().toString()).isEqualTo(agent.toString());

      VCard card = VCardManager.getInstanceFor(owner.connection).loadVCard(agent.asEntityBareJidIfPossible());
      assertThat(card.getAvatarMimeType()).isEqualTo("image/png");
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(card.getAvatar())))
          .isEqualTo(photoHash(available));

      assertThat(run("agent", "delete", agent.toString()).code()).isZero();
      awaitTrue(() -> roster.getEntry(agent) == null, "the roster push removing " + agent);
    } finally {
      owner.connection.disconnect();
    }
  }

  @Test
  void the_owner_logging_in_later_sees_the_agent_online_because_its_probe_is_answered() throws Exception {
    Account owner = account("otto");
    owner.connection.disconnect();
    BareJid agent = create(owner.name, "Night owl", "private");

    XMPPTCPConnection again = ejabberd.connect(owner.name, owner.password);
    try {
      Roster roster = Roster.getInstanceFor(again);
      roster.reloadAndWait();
      assertThat(roster.getEntry(agent)).as("stored while the owner was away").isNotNull();
      awaitTrue(() -> roster.getPresence(agent).isAvailable(), "the agent's presence for the probe at log-in");
      // RFC 6121 4.4.2: the owner's presence broadcast reaches the agent (subscription both); the probe was
      // answered already, so the agent does not answer it again (clients showed it coming online twice)
      try (org.jivesoftware.smack.StanzaCollector presences = again.createStanzaCollector(
          new org.jivesoftware.smack.filter.AndFilter(org.jivesoftware.smack.filter.StanzaTypeFilter.PRESENCE,
              org.jivesoftware.smack.filter.FromMatchesFilter.createBare(agent)))) {
        again.sendStanza(again.getStanzaFactory().buildPresenceStanza().build());
        assertThat((Object) presences.nextResult(2_000)).as("no second presence for a presence broadcast").isNull();
      }
    } finally {
      again.disconnect();
    }
  }

  @Test
  void a_shared_agent_appears_for_the_listed_users_of_this_hub_and_leaves_when_no_longer_shared() throws Exception {
    Account owner = account("sven");
    Account friend = account("frida");
    Roster friends = Roster.getInstanceFor(friend.connection);
    friends.reloadAndWait();
    try {
      BareJid agent = create(owner.name, "Team helper", "shared");
      CliRun shared = run("agent", "set", agent.toString(), "--governance",
          new JsonObject().put("allowed_jids", new JsonArray()
              .add(friend.connection.getUser().asBareJid().toString()).add("someone@elsewhere.example")).encode());
      assertThat(shared.code()).as(shared.err()).isZero();

      RosterEntry entry = await(() -> friends.getEntry(agent) != null, friends, agent);
      assertThat(entry.getName()).isEqualTo("Team helper");
      awaitTrue(() -> friends.getPresence(agent).isAvailable(), "the shared agent's presence for " + friend.name);

      assertThat(run("agent", "set", agent.toString(), "--visibility", "private").code()).isZero();
      awaitTrue(() -> friends.getEntry(agent) == null, "the roster push removing " + agent + " from " + friend.name);
    } finally {
      owner.connection.disconnect();
      friend.connection.disconnect();
    }
  }

  private record Account(String name, String password, XMPPTCPConnection connection) {}

  /** A hub user made by {@code ./aiox user add}, logged in. */
  private static Account account(String prefix) {
    String name = prefix + UUID.randomUUID().toString().substring(0, 8);
    CliRun added = run("user", "add", name, "--json");
    assertThat(added.code()).as(added.err()).isZero();
    String password = new JsonObject(added.out()).getString("password");
    return new Account(name, password, ejabberd.connect(name, password));
  }

  private static BareJid create(String owner, String name, String visibility) throws Exception {
    CliRun created = run("agent", "create", "--owner", owner, "--name", name, "--visibility", visibility);
    assertThat(created.code()).as(created.err()).isZero();
    return JidCreate.bareFrom(created.out().strip());
  }

  private static CliRun run(String... argv) {
    String[] all = new String[argv.length + 2];
    System.arraycopy(argv, 0, all, 0, argv.length);
    all[argv.length] = "--config";
    all[argv.length + 1] = file;
    return CliRun.of(all);
  }

  private static String photoHash(Presence presence) {
    Matcher m = PHOTO.matcher(presence.toXML().toString());
    assertThat(m.find()).as("a vcard-temp:x:update photo hash in " + presence.toXML()).isTrue();
    return m.group(1);
  }

  private static RosterEntry await(BooleanSupplier condition, Roster roster, BareJid agent)
      throws InterruptedException {
    awaitTrue(condition, "the roster push adding " + agent);
    return roster.getEntry(agent);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited " + WAIT + " for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}

package io.aiox.component.xmpp.xep0045;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.FixtureWorker;
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
import io.aiox.worker.turn.TurnReply;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * An agent in a XEP-0045 room of the hub's mod_muc (rfc section 12): invited by its owner it joins under its name;
 * a message naming it gets one groupchat answer in the room, with the room as the conversation peer; other
 * messages, its own reflected answer, and a stranger's mention of a private agent get nothing. An echo consumer
 * answers turns, so no model runs.
 */
@ExtendWith(RealServers.class)
class GroupChatIT {
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final String NICK = "Scribe";

  private static Hub hub;
  private static EjabberdServer ejabberd;
  private static XMPPTCPConnection owner;
  private static XMPPTCPConnection stranger;
  private static Agent agent;

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    ejabberd = servers.ejabberd();
    hub = Hub.start(HubConfig.fromJson(TestHubConfig.json(servers)));
    FixtureWorker.answer(hub, turn -> TurnReply.of(
        "echo to " + new org.xmpp.packet.JID(turn.peer()).toBareJID() + ": " + turn.body()));
    owner = ejabberd.newUser("roomowner");
    stranger = ejabberd.newUser("passerby");
    User ownerUser = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    agent = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain()).create(ownerUser.id(),
        new NewAgent(new JsonObject().put("name", NICK), new JsonObject().put("max_tokens", 100), new JsonObject(),
            new JsonObject(), new JsonObject(), Visibility.PRIVATE)).await();
  }

  @AfterAll
  static void stop() {
    owner.disconnect();
    stranger.disconnect();
    hub.close();
  }

  /** A non-anonymous room (muc#roomconfig_whois = anyone) the owner created, with the agent invited into it. */
  private static MultiUserChat roomWithAgent() throws Exception {
    EntityBareJid jid = JidCreate.entityBareFrom("room-" + UUID.randomUUID().toString().substring(0, 8)
        + "@conference." + ejabberd.domain());
    MultiUserChat room = MultiUserChatManager.getInstanceFor(owner).getMultiUserChat(jid);
    room.create(Resourcepart.from("boss"));
    FillableForm config = room.getConfigurationForm().getFillableForm();
    config.setAnswer("muc#roomconfig_whois", "anyone");
    room.sendConfigurationForm(config);
    room.invite(JidCreate.entityBareFrom(agent.jid().toString()), "take notes");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!room.getOccupants().contains(JidCreate.entityFullFrom(jid + "/" + NICK))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return room;
  }

  @Test
  void the_owners_invitation_makes_the_agent_join_the_room_under_its_name() throws Exception {
    MultiUserChat room = roomWithAgent();
    assertThat(room.getOccupants()).as("XEP-0045 section 7.8.2: the invitee joined")
        .contains(JidCreate.entityFullFrom(room.getRoom() + "/" + NICK));
  }

  @Test
  void a_mention_is_answered_once_in_the_room_and_other_messages_are_not() throws Exception {
    MultiUserChat room = roomWithAgent();
    room.sendMessage(NICK + ": what did we decide?");
    Optional<Message> answer = fromAgent(room, Duration.ofSeconds(10));
    assertThat(answer).as("an answer in the room").isPresent();
    assertThat(answer.get().getType()).isEqualTo(Message.Type.groupchat);
    assertThat(answer.get().getBody()).as("the room's bare JID is the conversation peer")
        .isEqualTo("echo to " + room.getRoom() + ": " + NICK + ": what did we decide?");
    assertThat(fromAgent(room, QUIET)).as("its own answer, which names it, reflected by the room, starts no turn")
        .isEmpty();

    room.sendMessage("just chatting among people");
    assertThat(fromAgent(room, QUIET)).as("no mention, no answer").isEmpty();

    room.sendMessage("what do you think, scribe?");
    assertThat(fromAgent(room, Duration.ofSeconds(10))).as("the nickname as a word anywhere, in any case")
        .isPresent();
  }

  @Test
  void a_strangers_mention_of_a_private_agent_gets_no_answer() throws Exception {
    MultiUserChat room = roomWithAgent();
    MultiUserChat theirs = MultiUserChatManager.getInstanceFor(stranger).getMultiUserChat(room.getRoom());
    theirs.join(Resourcepart.from("guest"));
    theirs.sendMessage(NICK + ", summarise this for me");
    assertThat(fromAgent(room, QUIET)).as("a private agent answers only its owner").isEmpty();

    room.sendMessage(NICK + ", and for me?");
    assertThat(fromAgent(room, Duration.ofSeconds(10))).as("while its owner is still answered").isPresent();
  }

  /** The next message the agent says in the room within {@code wait}; others' messages are skipped. */
  private static Optional<Message> fromAgent(MultiUserChat room, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    long left;
    while ((left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
      Message m = room.nextMessage(left);
      if (m != null && m.getFrom().getResourceOrEmpty().toString().equals(NICK)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}

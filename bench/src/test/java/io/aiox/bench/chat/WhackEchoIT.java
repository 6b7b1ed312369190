package io.aiox.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import java.util.UUID;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The Whack baseline against the testkit's ejabberd: Whack's handshake with the agents domain (XEP-0114 section 3)
 * and the echo a logged-in user gets back, before and after the component reconnects in the same JVM (as it does
 * when it takes turns with the bare echo component in {@code bench/run-chat}).
 */
@ExtendWith(RealServers.class)
class WhackEchoIT {
  private static EjabberdServer ejabberd;
  private static XMPPTCPConnection sender;

  @BeforeAll
  static void start(TestServers servers) {
    ejabberd = servers.ejabberd();
    sender = ejabberd.newUser("whack-sender");
  }

  @AfterAll
  static void stop() {
    sender.disconnect();
  }

  private static WhackEcho connect() throws Exception {
    return WhackEcho.connect(ejabberd.host(), ejabberd.componentPort(), ejabberd.domain(),
        ejabberd.componentDomain(), ejabberd.componentSecret());
  }

  /** XEP-0114 section 3: the handshake succeeds, and the answer comes from the agent written to, to the sender. */
  @Test
  void a_logged_in_sender_gets_its_message_echoed() throws Exception {
    WhackEcho echo = connect();
    try {
      EntityBareJid agent = JidCreate.entityBareFrom("agent-1@" + ejabberd.componentDomain());
      Message sent = message(agent, "bench " + UUID.randomUUID());
      Message reply = ask(agent, sent);
      assertThat(reply.getBody()).isEqualTo(sent.getBody());
      assertThat(reply.getStanzaId()).isEqualTo(sent.getStanzaId());
      assertThat(reply.getType()).isEqualTo(Message.Type.chat);
      assertThat((Object) reply.getFrom().asEntityBareJidIfPossible()).isEqualTo(agent);
      assertThat((Object) reply.getTo()).isEqualTo(sender.getUser());
      assertThat(echo.echoed()).isEqualTo(1);
    } finally {
      echo.close();
    }
  }

  /** Closing ends the stream; a new manager in the same JVM connects and answers again. */
  @Test
  void answers_again_after_closing_and_connecting_anew() throws Exception {
    EntityBareJid agent = JidCreate.entityBareFrom("agent-2@" + ejabberd.componentDomain());
    for (int round = 0; round < 2; round++) {
      WhackEcho echo = connect();
      try {
        assertThat(ask(agent, message(agent, "round " + round)).getBody()).isEqualTo("round " + round);
      } finally {
        echo.close();
      }
    }
  }

  private static Message message(EntityBareJid agent, String body) {
    return sender.getStanzaFactory().buildMessageStanza().to(agent).ofType(Message.Type.chat).setBody(body).build();
  }

  private static Message ask(EntityBareJid agent, Message message) throws Exception {
    try (StanzaCollector replies = sender.createStanzaCollector(FromMatchesFilter.createBare(agent))) {
      sender.sendStanza(message);
      Message m = replies.nextResult(10_000);
      assertThat(m).as("the echo of " + message.getBody()).isNotNull();
      assertThat(m.getType()).as(m.toXML().toString()).isNotEqualTo(Message.Type.error);
      return m;
    }
  }
}

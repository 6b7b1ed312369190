package io.aiox.component;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;

/**
 * Test fixture: a person sends an agent one chat message and waits for its answer or error (chat states and the
 * short status while a tool runs skipped).
 */
public final class AgentChat {
  private AgentChat() {}

  public static Message ask(XMPPTCPConnection from, EntityBareJid agent, String body, Duration wait) throws Exception {
    // messages only: the agent's presence arrives from the same address once it is in the roster
    try (StanzaCollector replies = from.createStanzaCollector(new AndFilter(FromMatchesFilter.createBare(agent),
        StanzaTypeFilter.MESSAGE))) {
      from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(agent).ofType(Message.Type.chat)
          .setBody(body).build());
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m != null && (m.getType() == Message.Type.error || m.getBody() != null
            && !m.hasExtension("tool", "urn:aiox:tools:0"))) {
          return m;
        }
      }
      throw new AssertionError("no answer from " + agent + " within " + wait.toSeconds() + " s");
    }
  }

  /**
   * Files the agent's replies as answers (chat messages with a body, the tool status left out) or errors until
   * {@code enough} holds or {@code wait} passes.
   */
  public static void collect(StanzaCollector replies, List<Message> answers, List<Message> errors,
                             BooleanSupplier enough, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!enough.getAsBoolean() && System.nanoTime() < deadline) {
      Message m = replies.nextResult(1_000);
      if (m != null && m.getType() == Message.Type.error) {
        errors.add(m);
      } else if (m != null && m.getBody() != null && !m.hasExtension("tool", "urn:aiox:tools:0")) {
        answers.add(m);
      }
    }
  }
}

package io.aiox.component.xmpp.xep0045;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** What counts as mentioning an agent in a room (rfc section 12, XEP-0372 section 4.1). */
class MentionTest {
  private static final JID AGENT = new JID("scribe@agents.hub.test");

  private static Message body(String text) {
    Message m = new Message();
    m.setBody(text);
    return m;
  }

  @Test
  void the_nickname_as_a_word_anywhere_in_any_case_is_a_mention() {
    assertThat(Mention.of(body("Scribe: notes?"), AGENT, "Scribe")).isTrue();
    assertThat(Mention.of(body("@scribe notes?"), AGENT, "Scribe")).isTrue();
    assertThat(Mention.of(body("what now, SCRIBE?"), AGENT, "Scribe")).isTrue();
  }

  @Test
  void the_nickname_inside_another_word_is_no_mention() {
    assertThat(Mention.of(body("the scribes were late"), AGENT, "Scribe")).isFalse();
    assertThat(Mention.of(body("nothing here"), AGENT, "Scribe")).isFalse();
  }

  @Test
  void a_reference_of_type_mention_to_the_agents_jid_is_a_mention() {
    Message m = body("hey you");
    m.addChildElement("reference", Mention.REFERENCE).addAttribute("type", "mention")
        .addAttribute("uri", "xmpp:scribe@agents.hub.test").addAttribute("begin", "4").addAttribute("end", "7");
    assertThat(Mention.of(m, AGENT, "Scribe")).isTrue();
    Message other = body("hey you");
    other.addChildElement("reference", Mention.REFERENCE).addAttribute("type", "mention")
        .addAttribute("uri", "xmpp:someone@hub.test");
    assertThat(Mention.of(other, AGENT, "Scribe")).isFalse();
  }
}

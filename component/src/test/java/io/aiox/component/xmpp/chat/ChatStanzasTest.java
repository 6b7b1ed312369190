package io.aiox.component.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** The agent's stanzas built from the message they answer, and the request id read from it (rfc sections 6, 12). */
class ChatStanzasTest {
  private static Message incoming(Message.Type type) {
    Message m = new Message();
    m.setType(type);
    m.setFrom(new JID("alice@hub.test/phone"));
    m.setTo(new JID("agent-1@agents.hub.test"));
    return m;
  }

  @Test
  void the_request_id_is_the_origin_id_else_the_stanza_id_else_a_fresh_one() {
    Message m = incoming(Message.Type.chat);
    assertThat(ChatStanzas.requestId(m)).isNotBlank().isNotEqualTo(ChatStanzas.requestId(m));
    m.setID("stanza-1");
    assertThat(ChatStanzas.requestId(m)).isEqualTo("stanza-1");
    m.addChildElement("origin-id", ChatStanzas.SID).addAttribute("id", "origin-1");
    assertThat(ChatStanzas.requestId(m)).isEqualTo("origin-1");
  }

  @Test
  void an_answer_goes_back_to_the_full_jid_with_its_own_ids_and_ends_the_chat_state() {
    Message answer = ChatStanzas.answer(incoming(Message.Type.chat), "hello");
    assertThat(answer.getType()).isEqualTo(Message.Type.chat);
    assertThat(answer.getTo()).isEqualTo(new JID("alice@hub.test/phone"));
    assertThat(answer.getFrom()).isEqualTo(new JID("agent-1@agents.hub.test"));
    assertThat(answer.getBody()).isEqualTo("hello");
    assertThat(answer.getChildElement("origin-id", ChatStanzas.SID).attributeValue("id")).isEqualTo(answer.getID());
    assertThat(answer.getChildElement("active", ChatStanzas.CHATSTATES)).isNotNull();
  }

  @Test
  void in_a_room_the_answer_goes_to_the_room_as_groupchat_without_a_chat_state() {
    Message answer = ChatStanzas.answer(incoming(Message.Type.groupchat), "hello");
    assertThat(answer.getType()).isEqualTo(Message.Type.groupchat);
    assertThat(answer.getTo()).isEqualTo(new JID("alice@hub.test"));
    assertThat(answer.getChildElement("active", ChatStanzas.CHATSTATES)).isNull();
  }

  @Test
  void a_receipt_names_the_message_and_a_chat_state_is_not_stored() {
    Message m = incoming(Message.Type.chat);
    m.setID("stanza-1");
    assertThat(ChatStanzas.receipt(m).getChildElement("received", ChatStanzas.RECEIPTS).attributeValue("id"))
        .isEqualTo("stanza-1");
    Message composing = ChatStanzas.chatState(m, "composing");
    assertThat(composing.getChildElement("composing", ChatStanzas.CHATSTATES)).isNotNull();
    assertThat(composing.getChildElement("no-store", "urn:xmpp:hints")).isNotNull();
    assertThat(composing.getBody()).isNull();
  }
}

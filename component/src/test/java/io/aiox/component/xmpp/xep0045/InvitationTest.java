package io.aiox.component.xmpp.xep0045;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** Who asks, in an invitation (XEP-0045 section 7.8.2, XEP-0249). */
class InvitationTest {
  private static Message mediated(String inviter) {
    Message m = new Message();
    m.setFrom(new JID("room@conference.hub.test"));
    m.addChildElement("x", Invitation.MUC_USER).addElement("invite").addAttribute("from", inviter);
    m.addChildElement("x", Invitation.CONFERENCE).addAttribute("jid", "room@conference.hub.test");
    return m;
  }

  @Test
  void a_mediated_invitation_names_the_inviter_of_the_rooms_own_server_even_with_a_direct_element() {
    Invitation i = Invitation.of(mediated("alice@hub.test/phone")).orElseThrow();
    assertThat(i.mediated()).isTrue();
    assertThat(i.inviter()).isEqualTo("alice@hub.test");
    assertThat(i.room().toBareJID()).isEqualTo("room@conference.hub.test");
  }

  @Test
  void a_room_naming_an_inviter_of_another_server_is_itself_the_one_who_asks() {
    assertThat(Invitation.of(mediated("owner@other.example")).orElseThrow().inviter())
        .isEqualTo("room@conference.hub.test");
  }

  @Test
  void a_direct_invitation_comes_from_its_sender() {
    Message m = new Message();
    m.setFrom(new JID("bob@hub.test/laptop"));
    m.addChildElement("x", Invitation.CONFERENCE).addAttribute("jid", "talk@conference.hub.test");
    Invitation i = Invitation.of(m).orElseThrow();
    assertThat(i.mediated()).isFalse();
    assertThat(i.inviter()).isEqualTo("bob@hub.test");
  }
}

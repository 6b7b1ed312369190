package io.aiox.component.xmpp.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dom4j.DocumentHelper;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/** rfc section 7: a stanza that claims to come from the agents domain is refused before any lookup. */
class SpoofedSenderTest {
  private final List<Packet> out = new ArrayList<>();
  // No directory, handlers or audit: the check must answer before touching any of them.
  private final StanzaRouter router = new StanzaRouter("agents.hub.test", null, List.of(), null, null, null, out::add);

  @Test
  void a_from_in_the_agents_domain_is_forbidden() throws Exception {
    router.route(DocumentHelper.parseText("<message xmlns='jabber:component:accept' type='chat' id='1'"
        + " from='agent-1@agents.hub.test/x' to='agent-2@agents.hub.test'><body>hi</body></message>").getRootElement());
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getError().getCondition()).isEqualTo(PacketError.Condition.forbidden);
    assertThat(out.get(0).getError().getText()).contains("sent by this component only");
  }

  @Test
  void a_stanza_without_from_is_a_bad_request() throws Exception {
    router.route(DocumentHelper.parseText("<iq xmlns='jabber:component:accept' type='get' id='2'"
        + " to='agents.hub.test'><ping xmlns='urn:xmpp:ping'/></iq>").getRootElement());
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
  }
}

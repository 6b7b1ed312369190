package io.aiox.component.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

/** RFC 6120 sections 4.9.3 and 11.1: what the component's stream parser accepts and how it refuses the rest. */
class StanzaParserTest {
  private static final String HEADER = "<stream:stream xmlns='jabber:component:accept'"
      + " xmlns:stream='http://etherx.jabber.org/streams' from='agents.hub' id='abc'>";

  private final List<Element> headers = new ArrayList<>();
  private final List<Element> stanzas = new ArrayList<>();
  private final StanzaParser parser = new StanzaParser(new StreamLimits(2048, 6), headers::add, stanzas::add);

  private void feed(String xml) {
    parser.feed(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void yields_the_header_then_each_stanza_even_when_split_across_reads() {
    feed(HEADER + "<message to='a@b' from='c@d'><bo");
    feed("dy>h\u00e9llo</body></message><iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertThat(headers).singleElement().satisfies(h -> assertThat(h.attributeValue("id")).isEqualTo("abc"));
    assertThat(stanzas).hasSize(2);
    assertThat(stanzas.get(0).elementText("body")).isEqualTo("h\u00e9llo");
    assertThat(stanzas.get(1).element("ping").getNamespaceURI()).isEqualTo("urn:xmpp:ping");
  }

  @Test
  void a_multibyte_character_split_between_reads_survives() {
    byte[] bytes = (HEADER + "<message><body>\u20ac</body></message>").getBytes(StandardCharsets.UTF_8);
    int cut = bytes.length - "</body></message>".length() - 1; // inside the three bytes of the euro sign
    parser.feed(java.util.Arrays.copyOfRange(bytes, 0, cut));
    parser.feed(java.util.Arrays.copyOfRange(bytes, cut, bytes.length));
    assertThat(stanzas.get(0).elementText("body")).isEqualTo("\u20ac");
  }

  @Test
  void malformed_xml_is_not_well_formed() {
    feed(HEADER);
    assertThatThrownBy(() -> feed("<message><body>x</bodyy></message>"))
        .isInstanceOfSatisfying(StreamViolation.class, v -> assertThat(v.condition()).isEqualTo("not-well-formed"));
  }

  @Test
  void a_dtd_or_entity_declaration_is_restricted_xml() {
    assertThatThrownBy(() -> feed("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY lol 'lol'>]>" + HEADER))
        .isInstanceOfSatisfying(StreamViolation.class, v -> assertThat(v.condition()).isIn("restricted-xml",
            "not-well-formed"));
  }

  @Test
  void an_oversized_stanza_is_a_policy_violation_before_it_is_buffered_whole() {
    feed(HEADER + "<message><body>");
    String chunk = "x".repeat(1000);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1_000_000; i++) {
        feed(chunk); // would be a gigabyte if the parser kept going
      }
    }).isInstanceOfSatisfying(StreamViolation.class, v -> {
      assertThat(v.condition()).isEqualTo("policy-violation");
      assertThat(v.getMessage()).contains("2048 bytes");
    });
  }

  @Test
  void nesting_deeper_than_the_limit_is_a_policy_violation() {
    feed(HEADER);
    assertThatThrownBy(() -> feed("<message><a><b><c><d><e><f>x</f></e></d></c></b></a></message>"))
        .isInstanceOfSatisfying(StreamViolation.class, v -> assertThat(v.condition()).isEqualTo("policy-violation"));
  }

  @Test
  void the_peer_closing_the_stream_is_reported() {
    feed(HEADER);
    assertThatThrownBy(() -> feed("</stream:stream>"))
        .isInstanceOfSatisfying(StreamViolation.class, v -> assertThat(v.condition()).isEqualTo("closed"));
  }
}

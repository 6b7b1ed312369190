package io.aiox.component.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** XML 1.0 section 2.2, Char production. */
class XmlCharsTest {
  @Test
  void text_that_xml_allows_is_returned_unchanged() {
    String ok = "hello\tworld\n\r é 中 😀 \uE000 \uFFFD";
    assertThat(XmlChars.clean(ok)).isSameAs(ok);
  }

  @Test
  void control_characters_lone_surrogates_and_nonchars_are_replaced() {
    assertThat(XmlChars.clean("a\u0000b\u0001c\u001Fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    assertThat(XmlChars.clean("x\uD800y")).isEqualTo("x\uFFFDy");
    assertThat(XmlChars.clean("x\uDC00")).isEqualTo("x\uFFFD");
    assertThat(XmlChars.clean("\uFFFE\uFFFF")).isEqualTo("\uFFFD\uFFFD");
    assertThat(XmlChars.clean("😀\u0002😀")).isEqualTo("😀\uFFFD😀");
  }

  @Test
  void references_to_characters_xml_refuses_are_replaced_and_others_are_kept() {
    assertThat(XmlChars.clean("a&#1;b&#x1F;c&#0;d&#xFFFE;e&#xD800;f&#1114112;"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD");
    String kept = "&#9;&#10;&#x41;&#233;&amp;&lt;& #1;&#;&#x;&#12 &#99999999999999;x&";
    assertThat(XmlChars.clean(kept)).isSameAs(kept);
  }

  /**
   * What broke the stream: Tinder's serializer writes a control character in a body as {@code &#1;}, which the
   * server refuses ("reference to invalid character number") by closing the whole component stream.
   */
  @Test
  void a_stanza_with_control_characters_in_its_body_serializes_to_well_formed_xml() throws Exception {
    org.xmpp.packet.Message m = new org.xmpp.packet.Message();
    m.setTo("someone@hub.test");
    m.setBody("noise \u0001\u0007\u001B from a model");
    String xml = XmlChars.clean(m.toXML());
    javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
    assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("noise \uFFFD\uFFFD\uFFFD from a model");
  }
}

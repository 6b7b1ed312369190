package io.aiox.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6120 section 4: the stream header, then top-level elements one after another, in any TCP segmentation. */
class StanzaFramerTest {
  private static final String STREAM = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' id='s1'"
      + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
      + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
      + "</mechanisms></stream:features>"
      + "<message from='a@x/r' to='b@y' id='1-7' type='chat'><active xmlns='http://jabber.org/protocol/chatstates'/>"
      + "<body>echo: a &gt; b, it's 'quoted' bench 42</body></message>"
      + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
      + "<iq type='result' id='x' title=\"a > b\"/></stream:stream>";

  @Test
  void splits_top_level_elements_whatever_the_segmentation() {
    for (int chunk : new int[] {1, 3, 7, 64, STREAM.length()}) {
      List<String> headers = new ArrayList<>();
      List<String> elements = new ArrayList<>();
      StanzaFramer framer = new StanzaFramer(headers::add, elements::add);
      for (int i = 0; i < STREAM.length(); i += chunk) {
        framer.feed(Buffer.buffer(STREAM.substring(i, Math.min(STREAM.length(), i + chunk))));
      }
      assertThat(headers).hasSize(1);
      assertThat(headers.get(0)).startsWith("<stream:stream");
      assertThat(elements).hasSize(4);
      assertThat(elements.get(0)).startsWith("<stream:features>").endsWith("</stream:features>");
      assertThat(elements.get(3)).isEqualTo("<iq type='result' id='x' title=\"a > b\"/>");
      assertThat(framer.closed()).isTrue();
    }
  }

  @Test
  void reads_attributes_and_the_body_as_written() {
    List<String> elements = new ArrayList<>();
    new StanzaFramer(h -> { }, elements::add).feed(Buffer.buffer(STREAM));
    String message = elements.get(1);
    assertThat(Stanza.named(message, "message")).isTrue();
    assertThat(Stanza.named(message, "mess")).isFalse();
    assertThat(Stanza.attribute(message, "to")).isEqualTo("b@y");
    assertThat(Stanza.attribute(message, "id")).isEqualTo("1-7");
    assertThat(Stanza.attribute(message, "xmlns")).isNull();
    assertThat(Stanza.body(message)).isEqualTo("echo: a &gt; b, it's 'quoted' bench 42");
    assertThat(Stanza.body(elements.get(2))).isNull();
  }

  /** RFC 6120 section 6.4.6: after SASL success both sides restart the stream; a new header follows. */
  @Test
  void a_restarted_stream_yields_a_second_header() {
    List<String> headers = new ArrayList<>();
    List<String> elements = new ArrayList<>();
    StanzaFramer[] framer = new StanzaFramer[1];
    framer[0] = new StanzaFramer(headers::add, e -> {
      elements.add(e);
      if (Stanza.named(e, "success")) {
        framer[0].restart();
      }
    });
    framer[0].feed(Buffer.buffer("<stream:stream id='1'><success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
        + "<stream:stream id='2'><stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"));
    assertThat(headers).hasSize(2);
    assertThat(elements).hasSize(2);
    assertThat(elements.get(1)).contains("xmpp-bind");
  }
}
